using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SettleOnCommit : Migration
    {
        // The data generation's row and the audit chain's head serialise writers. Taken by the
        // change's statements, each was held from the first write to the commit, across every round
        // trip to the service in between, which a busy service is slow to make: writers queued for
        // it. Both are now taken by triggers deferred to the commit, so that a writer holds them for
        // the commit alone:
        //
        // - A change's statements only mark the transaction (the setting portfolio.generation) and
        //   log employers' texts under a placeholder generation, minus the transaction's id.
        // - At the commit, settle_data_generation() raises the generation once and gives the logged
        //   texts it and their ids, under the generation's lock: the log stays in generation order,
        //   which RememberedCounts carries counts by.
        // - Audit entries are inserted unlinked under negative ids; at the commit audit_link() settles
        //   the generation first (the locks are always taken in this order), then numbers each entry
        //   after the chain's head and links it: AuditChain.Link said in SQL.
        //
        // TRUNCATE fires no row trigger to defer, and raises the generation at once, as before.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION mark_data_generation() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM set_config('portfolio.generation', 'pending', true);
                    RETURN NULL;
                END
                $$;

                CREATE FUNCTION settle_data_generation() RETURNS void LANGUAGE plpgsql AS $$
                DECLARE
                    raised bigint;
                    placeholder bigint := -txid_current();
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
                    UPDATE employer_text_changes
                    SET id = nextval(pg_get_serial_sequence('employer_text_changes', 'id')), generation = raised
                    WHERE generation = placeholder;
                    IF FOUND THEN
                        DELETE FROM employer_text_changes WHERE id <= (SELECT max(id) FROM employer_text_changes) - 1024;
                    END IF;
                END
                $$;

                CREATE FUNCTION settles_data_generation() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM settle_data_generation();
                    RETURN NULL;
                END
                $$;

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

                -- The texts logged by changes not yet committed, for their commit to find.
                CREATE INDEX ix_employer_text_changes_placeholder ON employer_text_changes (generation) WHERE generation < 0;

                CREATE FUNCTION audit_field(value text) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT CASE WHEN value IS NULL THEN '\xffffffff'::bytea
                        ELSE int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END
                $$;

                CREATE FUNCTION audit_link() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    ends audit_chain%ROWTYPE;
                    linked audit_entries%ROWTYPE := NEW;
                BEGIN
                    PERFORM settle_data_generation();
                    SELECT * INTO ends FROM audit_chain WHERE id = 1 FOR UPDATE;
                    linked.id := ends.head_id + 1;
                    -- Never before the head, so that time order is id order whatever each instance's clock says.
                    linked.at := GREATEST(NEW.at, ends.head_at);
                    linked.hash := sha256(ends.head_hash
                        || audit_field(linked.id::text)
                        || audit_field(to_char(linked.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                        || audit_field(linked.actor_id::text)
                        || audit_field(linked.actor)
                        || audit_field(linked.action)
                        || audit_field(linked.object_type)
                        || audit_field(linked.object_id::text)
                        || audit_field(linked.object_name)
                        || audit_field(linked.changes)
                        || audit_field(linked.request_id)
                        || audit_field(linked.client_address)
                        || audit_field(linked.user_agent));
                    UPDATE audit_entries SET id = linked.id, at = linked.at, hash = linked.hash WHERE id = NEW.id;
                    UPDATE audit_chain SET head_id = linked.id, head_at = linked.at, head_hash = linked.hash WHERE id = 1;
                    RETURN NULL;
                END
                $$;

                CREATE CONSTRAINT TRIGGER audit_entries_link AFTER INSERT ON audit_entries
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.id < 0) EXECUTE FUNCTION audit_link();
                """);

            foreach (var (table, update) in GenerationTriggers.Tables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_bumps_generation ON {table};
                    CREATE TRIGGER {table}_bumps_generation BEFORE TRUNCATE ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_generation();
                    CREATE TRIGGER {table}_marks_generation BEFORE INSERT OR DELETE OR {update} ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION mark_data_generation();
                    CREATE CONSTRAINT TRIGGER {table}_settles_generation AFTER INSERT OR DELETE OR {update} ON {table}
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION settles_data_generation();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, update) in GenerationTriggers.Tables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_settles_generation ON {table};
                    DROP TRIGGER {table}_marks_generation ON {table};
                    DROP TRIGGER {table}_bumps_generation ON {table};
                    CREATE TRIGGER {table}_bumps_generation BEFORE INSERT OR DELETE OR TRUNCATE OR {update} ON {table}
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_generation();
                    """);
            }

            migrationBuilder.Sql("""
                DROP TRIGGER audit_entries_link ON audit_entries;
                DROP FUNCTION audit_link();
                DROP FUNCTION audit_field(text);
                DROP FUNCTION settles_data_generation();
                DROP FUNCTION settle_data_generation();
                DROP FUNCTION mark_data_generation();
                DROP INDEX ix_employer_text_changes_placeholder;
                CREATE OR REPLACE FUNCTION log_employer_text() RETURNS trigger LANGUAGE plpgsql AS $$
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
                """);
        }
    }
}
