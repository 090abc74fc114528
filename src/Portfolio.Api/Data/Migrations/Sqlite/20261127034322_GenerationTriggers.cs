using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GenerationTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_generation",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_generation", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "data_generation",
                columns: new[] { "id", "value" },
                values: new object[] { 1, 1L });

            // Every change to what an answer is made of raises the generation in its own
            // transaction; token last-use and user last-login times are left out on purpose.
            // The new value is at least the time in microseconds, so that a database restored
            // from a backup under running instances never repeats a generation they remember.
            foreach (var (table, operation, name) in Triggers)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_{name}_bumps_generation AFTER {operation} ON {table}
                    BEGIN
                        UPDATE data_generation
                        SET value = max(value + 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER))
                        WHERE id = 1;
                    END;
                    """);
            }
        }

        private static readonly (string Table, string Operation, string Name)[] Triggers =
        [
            ("users", "INSERT", "insert"),
            ("users", "DELETE", "delete"),
            ("users", "UPDATE OF username, password_hash, is_staff, is_superuser, is_active", "update"),
            ("user_permissions", "INSERT", "insert"),
            ("user_permissions", "DELETE", "delete"),
            ("user_permissions", "UPDATE", "update"),
            ("permissions", "INSERT", "insert"),
            ("permissions", "DELETE", "delete"),
            ("permissions", "UPDATE", "update"),
            ("auth_tokens", "INSERT", "insert"),
            ("auth_tokens", "DELETE", "delete"),
            ("auth_tokens", "UPDATE OF user_id, key_hash, expires_at", "update"),
            ("media_images", "INSERT", "insert"),
            ("media_images", "DELETE", "delete"),
            ("media_images", "UPDATE", "update"),
            ("media_thumbnails", "INSERT", "insert"),
            ("media_thumbnails", "DELETE", "delete"),
            ("media_thumbnails", "UPDATE", "update"),
            ("employers", "INSERT", "insert"),
            ("employers", "DELETE", "delete"),
            ("employers", "UPDATE", "update"),
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _, name) in Triggers)
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_{name}_bumps_generation;");
            }

            migrationBuilder.DropTable(
                name: "data_generation");
        }
    }
}
