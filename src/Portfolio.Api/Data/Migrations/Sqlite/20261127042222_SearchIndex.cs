using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "normalized_description",
                table: "employers",
                type: "TEXT",
                maxLength: 5000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_employers_name",
                table: "employers",
                column: "name");

            // ?search= on SQLite: a trigram index over the normalised name and description, so a
            // substring of three characters or more is found without reading every row. It stores
            // no text of its own (content=employers): the unindexed columns are read from the
            // employer row, which lets a search query and its count read this table alone
            // (EmployerSearch). Case is already folded by the normalisation, so the tokenizer
            // leaves it alone. The triggers keep it in step in the same transaction as the change;
            // the employers' own triggers already raise the data generation.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE employer_search USING fts5(
                    normalized_name, normalized_description,
                    name UNINDEXED, description UNINDEXED, image_id UNINDEXED, created_at UNINDEXED, updated_at UNINDEXED,
                    content = 'employers', content_rowid = 'id', tokenize = 'trigram case_sensitive 1');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER employers_insert_indexes_search AFTER INSERT ON employers BEGIN
                    INSERT INTO employer_search (rowid, normalized_name, normalized_description)
                    VALUES (new.id, new.normalized_name, new.normalized_description);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER employers_delete_indexes_search AFTER DELETE ON employers BEGIN
                    INSERT INTO employer_search (employer_search, rowid, normalized_name, normalized_description)
                    VALUES ('delete', old.id, old.normalized_name, old.normalized_description);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER employers_update_indexes_search AFTER UPDATE OF normalized_name, normalized_description ON employers BEGIN
                    INSERT INTO employer_search (employer_search, rowid, normalized_name, normalized_description)
                    VALUES ('delete', old.id, old.normalized_name, old.normalized_description);
                    INSERT INTO employer_search (rowid, normalized_name, normalized_description)
                    VALUES (new.id, new.normalized_name, new.normalized_description);
                END;
                """);

            // Rows written before this migration have no normalized_description yet; the service
            // fills it in on start (EmployerSearch.FillNormalizedTextAsync) through the triggers.
            migrationBuilder.Sql("INSERT INTO employer_search (employer_search) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER employers_update_indexes_search;");
            migrationBuilder.Sql("DROP TRIGGER employers_delete_indexes_search;");
            migrationBuilder.Sql("DROP TRIGGER employers_insert_indexes_search;");
            migrationBuilder.Sql("DROP TABLE employer_search;");

            migrationBuilder.DropIndex(
                name: "ix_employers_name",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "normalized_description",
                table: "employers");
        }
    }
}
