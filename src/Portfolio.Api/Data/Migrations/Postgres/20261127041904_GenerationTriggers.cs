using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GenerationTriggers : Migration
    {
        // The tables that answers are made of, and which of their changes count; as on SQLite,
        // recording a token's last use and a user's last login is left out on purpose.
        internal static readonly (string Table, string Update)[] Tables =
        [
            ("users", "UPDATE OF username, password_hash, is_staff, is_superuser, is_active"),
            ("user_permissions", "UPDATE"),
            ("permissions", "UPDATE"),
            ("auth_tokens", "UPDATE OF user_id, key_hash, expires_at"),
            ("media_images", "UPDATE"),
            ("media_thumbnails", "UPDATE"),
            ("employers", "UPDATE"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The row lock on data_generation serialises writers from their first statement to their
            // commit. Taking it BEFORE each statement (not after) means a writer holds it before any
            // row lock of its own, so two multi-statement writers queue instead of deadlocking.
            // Once per statement, not per row: a bulk change raises the generation once.
            migrationBuilder.Sql("""
                CREATE FUNCTION bump_data_generation() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- At least the time in microseconds: a database restored from an older backup
                    -- never hands running instances a number they remember (docs/design.md).
                    UPDATE data_generation
                    SET value = GREATEST(value + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
                    WHERE id = 1;
                    RETURN NULL;
                END
                $$;
                """);

            foreach (var (table, update) in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_bumps_generation BEFORE INSERT OR DELETE OR TRUNCATE OR {update} ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_generation();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_bumps_generation ON {table};");
            }

            migrationBuilder.Sql("DROP FUNCTION bump_data_generation();");
        }
    }
}
