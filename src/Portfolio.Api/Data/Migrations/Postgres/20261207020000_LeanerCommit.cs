using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeanerCommit : Migration
    {
        // Every write commits through settle_data_generation(), and every audited one through
        // audit_link(), one commit at a time under their locks: what they cost, each writer waits
        // for. Measured with pgbench on one UPDATE of an employer and one audit entry a transaction,
        // three costs stood out, each removed here without changing what is stored:
        //
        // - The text log's trim, `id <= max(id) - 1024`, walked from the log's oldest end through
        //   the index entries of every row it had ever deleted (vacuum lags behind a busy log):
        //   a third of a millisecond a commit. It now deletes only the ids that this commit pushes
        //   out of the newest 1024, a short range near the top.
        //
        // And one fault: the log kept its newest 1024 ids, not rows, as the placeholders took their
        // ids from the log's own sequence before the commit took new ones: a log written by small
        // commits held half the rows it should. Placeholders now number down from -1 on a sequence
        // of their own, and the log's ids follow the commits without gaps.
        // - The renumbering's `generation = placeholder` is planned once for any placeholder, so the
        //   plan could not use the partial index on placeholders (generation < 0); the predicate is
        //   now said, and the index is used.
        // - audit_field() was an SQL function called twelve times an entry from PL/pgSQL, which
        //   parses and plans an SQL function's body on every call. In PL/pgSQL its plan is cached;
        //   it returns the same bytes, so every stored hash still verifies.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE SEQUENCE employer_text_placeholder_ids;

                CREATE OR REPLACE FUNCTION log_employer_text() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    current bigint := -txid_current();
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO employer_text_changes (id, generation, sign, normalized_name, normalized_description)
                        SELECT -nextval('employer_text_placeholder_ids'), current, 1, normalized_name, normalized_description FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO employer_text_changes (id, generation, sign, normalized_name, normalized_description)
                        SELECT -nextval('employer_text_placeholder_ids'), current, -1, normalized_name, normalized_description FROM old_rows;
                    ELSIF TG_OP = 'UPDATE' THEN
                        INSERT INTO employer_text_changes (id, generation, sign, normalized_name, normalized_description)
                        SELECT -nextval('employer_text_placeholder_ids'), current, -1, t.normalized_name, t.normalized_description FROM (
                            SELECT normalized_name, normalized_description FROM old_rows
                            EXCEPT ALL SELECT normalized_name, normalized_description FROM new_rows) AS t
                        UNION ALL
                        SELECT -nextval('employer_text_placeholder_ids'), current, 1, t.normalized_name, t.normalized_description FROM (
                            SELECT normalized_name, normalized_description FROM new_rows
                            EXCEPT ALL SELECT normalized_name, normalized_description FROM old_rows) AS t;
                    ELSE
                        DELETE FROM employer_text_changes;
                    END IF;
                    RETURN NULL;
                END
                $$;

                CREATE OR REPLACE FUNCTION settle_data_generation() RETURNS void LANGUAGE plpgsql AS $$
                DECLARE
                    raised bigint;
                    placeholder bigint := -txid_current();
                    newest_before bigint;
                    newest bigint;
                BEGIN
                    IF current_setting('portfolio.generation', true) IS DISTINCT FROM 'pending' THEN
                        RETURN;
                    END IF;
                    PERFORM set_config('portfolio.generation', 'settled', true);
                    -- At least the time in microseconds: a database restored from an older backup
                    -- never hands running instances a number they remember (docs/design.md).
                    UPDATE data_generation
                    SET value = GREATEST(value + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
                    WHERE id = 1
                    RETURNING value INTO raised;
                    SELECT max(id) INTO newest_before FROM employer_text_changes WHERE id > 0;
                    UPDATE employer_text_changes
                    SET id = nextval(pg_get_serial_sequence('employer_text_changes', 'id')), generation = raised
                    WHERE generation = placeholder AND generation < 0;
                    IF FOUND THEN
                        -- Every commit before this one kept only the newest 1024 ids of its time.
                        SELECT max(id) INTO newest FROM employer_text_changes;
                        DELETE FROM employer_text_changes
                        WHERE id > coalesce(newest_before, 0) - 1024 AND id <= newest - 1024;
                    END IF;
                END
                $$;

                CREATE OR REPLACE FUNCTION audit_field(value text) RETURNS bytea LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
                BEGIN
                    IF value IS NULL THEN
                        RETURN '\xffffffff'::bytea;
                    END IF;
                    RETURN int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8');
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION log_employer_text() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    current bigint := -txid_current();
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
                    END IF;
                    RETURN NULL;
                END
                $$;

                DROP SEQUENCE employer_text_placeholder_ids;

                CREATE OR REPLACE FUNCTION settle_data_generation() RETURNS void LANGUAGE plpgsql AS $$
                DECLARE
                    raised bigint;
                    placeholder bigint := -txid_current();
                BEGIN
                    IF current_setting('portfolio.generation', true) IS DISTINCT FROM 'pending' THEN
                        RETURN;
                    END IF;
                    PERFORM set_config('portfolio.generation', 'settled', true);
                    UPDATE data_generation
                    SET value = GREATEST(value + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
                    WHERE id = 1
                    RETURNING value INTO raised;
                    UPDATE employer_text_changes
                    SET id = nextval(pg_get_serial_sequence('employer_text_changes', 'id')), generation = raised
                    WHERE generation = placeholder;
                    IF FOUND THEN
                        DELETE FROM employer_text_changes WHERE id <= (SELECT max(id) FROM employer_text_changes) - 1024;
                    END IF;
                END
                $$;

                CREATE OR REPLACE FUNCTION audit_field(value text) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT CASE WHEN value IS NULL THEN '\xffffffff'::bytea
                        ELSE int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END
                $$;
                """);
        }
    }
}
