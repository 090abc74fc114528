using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndexesFollowIds : Migration
    {
        // The two full-text indexes keep each employer under its id. Their update triggers fired
        // only on a change of the text, so an UPDATE that changed an id (in SQL; the service never
        // does) left the index under the old id, and a search then failed on the missing row.
        private static readonly (string Name, string Index, string Words)[] Triggers =
        [
            ("employers_update_indexes_search", "employer_search", ""),
            ("employers_update_indexes_words", "employer_words", """
                INSERT INTO search_words (word) SELECT word FROM employer_text_words WHERE id = new.id
                ON CONFLICT (word) DO NOTHING;
                """),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Replace(migrationBuilder, "id, normalized_name, normalized_description");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Replace(migrationBuilder, "normalized_name, normalized_description");

        private static void Replace(MigrationBuilder migrationBuilder, string columns)
        {
            foreach (var (name, index, words) in Triggers)
            {
                migrationBuilder.Sql($"DROP TRIGGER {name};");
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {name} AFTER UPDATE OF {columns} ON employers BEGIN
                        INSERT INTO {index} ({index}, rowid, normalized_name, normalized_description)
                        VALUES ('delete', old.id, old.normalized_name, old.normalized_description);
                        INSERT INTO {index} (rowid, normalized_name, normalized_description)
                        VALUES (new.id, new.normalized_name, new.normalized_description);
                        {words}
                    END;
                    """);
            }
        }
    }
}
