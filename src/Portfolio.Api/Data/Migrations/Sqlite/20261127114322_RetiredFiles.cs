using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Sqlite
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
                    file = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_media_retired_files", x => x.file);
                });

            // A deleted image's names, and its thumbnails' (deleted with it by the foreign key's
            // cascade, which fires their triggers too), whatever deleted them.
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_delete_retires_file AFTER DELETE ON {table} BEGIN
                        INSERT OR IGNORE INTO media_retired_files (file) VALUES (old.file);
                    END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_delete_retires_file;");
            }

            migrationBuilder.DropTable(
                name: "media_retired_files");
        }
    }
}
