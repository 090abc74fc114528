using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    generation = table.Column<long>(type: "bigint", nullable: false),
                    sign = table.Column<int>(type: "integer", nullable: false),
                    normalized_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    normalized_description = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employer_text_changes", x => x.id);
                });

            // After each statement on the employers, the texts it gave and took, under the
            // generation that the statement raised before it ran (migration GenerationTriggers).
            // An UPDATE logs the texts it took and gave as the difference of the two sets of rows,
            // not row by row: rows are not paired by id, which the update may have changed.
            // A TRUNCATE empties the log: a count remembered from before it is counted again.
            // The log keeps its newest 1,024 rows.
            migrationBuilder.Sql("""
                CREATE FUNCTION log_employer_text() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    current bigint := (SELECT value FROM data_generation WHERE id = 1);
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO employer_text_changes (generation, sign, normalized_name, normalized_description)
                        SELECT current, 1, normalized_name, normalized_description FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO employer_text_changes (generation, sign, normalized_name, normalized_description)
                        SELECT current, -1, normalized_name, normalized_description FROM old_rows;
                    ELSIF TG_OP = 'UPDATE' THEN
                        INSERT INTO employer_text_changes (generation, sign, normalized_name, normalized_description)
                        SELECT current, -1, t.normalized_name, t.normalized_description FROM (
                            SELECT normalized_name, normalized_description FROM old_rows
                            EXCEPT ALL SELECT normalized_name, normalized_description FROM new_rows) AS t
                        UNION ALL
                        SELECT current, 1, t.normalized_name, t.normalized_description FROM (
                            SELECT normalized_name, normalized_description FROM new_rows
                            EXCEPT ALL SELECT normalized_name, normalized_description FROM old_rows) AS t;
                    ELSE
                        DELETE FROM employer_text_changes;
                        RETURN NULL;
                    END IF;
                    DELETE FROM employer_text_changes WHERE id <= (SELECT max(id) FROM employer_text_changes) - 1024;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER employers_insert_logs_text AFTER INSERT ON employers
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_employer_text();
                CREATE TRIGGER employers_delete_logs_text AFTER DELETE ON employers
                REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION log_employer_text();
                CREATE TRIGGER employers_update_logs_text AFTER UPDATE ON employers
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_employer_text();
                CREATE TRIGGER employers_truncate_logs_text AFTER TRUNCATE ON employers
                FOR EACH STATEMENT EXECUTE FUNCTION log_employer_text();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var operation in new[] { "insert", "delete", "update", "truncate" })
            {
                migrationBuilder.Sql($"DROP TRIGGER employers_{operation}_logs_text ON employers;");
            }

            migrationBuilder.Sql("DROP FUNCTION log_employer_text();");

            migrationBuilder.DropTable(
                name: "employer_text_changes");
        }
    }
}
