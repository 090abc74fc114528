using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RetiredFiles : Migration
    {
        private static readonly string[] Tables = ["media_images", "media_thumbnails"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "media_retired_files",
                columns: table => new
                {
                    file = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_media_retired_files", x => x.file);
                });

            // A deleted image's names, and its thumbnails' (deleted with it by the foreign key's
            // cascade, which fires their triggers too), whatever deleted them.
            migrationBuilder.Sql("""
                CREATE FUNCTION retire_media_file() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO media_retired_files (file) VALUES (OLD.file) ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END
                $$;
                """);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_delete_retires_file AFTER DELETE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION retire_media_file();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_delete_retires_file ON {table};");
            }

            migrationBuilder.Sql("DROP FUNCTION retire_media_file();");

            migrationBuilder.DropTable(
                name: "media_retired_files");
        }
    }
}
