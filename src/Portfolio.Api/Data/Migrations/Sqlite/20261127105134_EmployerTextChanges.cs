using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmployerTextChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "employer_text_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    generation = table.Column<long>(type: "INTEGER", nullable: false),
                    sign = table.Column<int>(type: "INTEGER", nullable: false),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    normalized_description = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employer_text_changes", x => x.id);
                });

            // Each of the employers' triggers that raise the generation now also logs the text the
            // change gave or took, under the generation it raised: one trigger, so that the order in
            // which SQLite fires triggers cannot log a change under the generation before it.
            // The log keeps its newest 1,024 rows.
            foreach (var (operation, name, logged) in Triggers)
            {
                Replace(migrationBuilder, operation, name, $"""
                    {logged}
                    DELETE FROM employer_text_changes WHERE id <= (SELECT max(id) FROM employer_text_changes) - 1024;
                    """);
            }
        }

        private const string LogChange = """
            INSERT INTO employer_text_changes (generation, sign, normalized_name, normalized_description)
            SELECT value, {0}, {1}.normalized_name, {1}.normalized_description FROM data_generation WHERE id = 1
            """;

        private static readonly (string Operation, string Name, string Logged)[] Triggers =
        [
            ("INSERT", "insert", Log(1, "NEW") + ";"),
            ("DELETE", "delete", Log(-1, "OLD") + ";"),
            ("UPDATE", "update", $"""
                {Log(-1, "OLD")} AND {TextChanged};
                {Log(1, "NEW")} AND {TextChanged};
                """),
        ];

        private const string TextChanged =
            "(OLD.normalized_name IS NOT NEW.normalized_name OR OLD.normalized_description IS NOT NEW.normalized_description)";

        private static string Log(int sign, string row) => string.Format(System.Globalization.CultureInfo.InvariantCulture, LogChange, sign, row);

        // The trigger that raises the generation, then does what `logged` says.
        private static void Replace(MigrationBuilder migrationBuilder, string operation, string name, string logged)
        {
            migrationBuilder.Sql($"DROP TRIGGER employers_{name}_bumps_generation;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER employers_{name}_bumps_generation AFTER {operation} ON employers
                BEGIN
                    UPDATE data_generation
                    SET value = max(value + 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER))
                    WHERE id = 1;
                    {logged}
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (operation, name, _) in Triggers)
            {
                Replace(migrationBuilder, operation, name, logged: "");
            }

            migrationBuilder.DropTable(
                name: "employer_text_changes");
        }
    }
}
