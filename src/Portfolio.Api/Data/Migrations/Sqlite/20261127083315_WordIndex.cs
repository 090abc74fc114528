using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WordIndex : Migration
    {
        // Every printable ASCII character that is not a letter or a digit, made a token character:
        // the `ascii` tokenizer then splits the normalised text at its spaces (and at ASCII control
        // characters) only, and folds nothing but A-Z, which normalised text no longer holds. So a
        // token is a space-separated word of the text as it is, and a term without a space is in
        // the text exactly when it is in one of its words. (FTS5 cuts a token at 32,768 bytes; a
        // description of 5,000 characters is at most 20,000.) Quotes are doubled twice, as FTS5
        // reads the tokenize option and then the argument inside it.
        private const string TokenChars = """!""#$%&''()*+,-./:;<=>?@[\]^_`{|}~""";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The employers by word (Employers/SearchPlan.cs): no positions (detail=none), so a
            // word's list of employers is a list of ids, several times cheaper to count than the
            // trigram index's phrases. The unindexed columns are read from `employers`, as in
            // `employer_search`.
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE employer_words USING fts5(
                    normalized_name, normalized_description,
                    name UNINDEXED, description UNINDEXED, image_id UNINDEXED, created_at UNINDEXED, updated_at UNINDEXED,
                    content = 'employers', content_rowid = 'id', detail = none,
                    tokenize = "ascii tokenchars '{TokenChars}'");
                """);

            // Every word the texts have held, with a trigram index of its own to find the words
            // that hold a term. A word that is no longer in any text stays, and finds no employer.
            // Triggers keep both in step in the same transaction as the employer. The view splits
            // an employer's text at its spaces: json_quote escapes everything but the spaces.
            migrationBuilder.Sql("CREATE TABLE search_words (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE);");
            migrationBuilder.Sql("""
                CREATE VIEW employer_text_words AS
                SELECT employers.id, json_each.value AS word FROM employers, json_each('[' || replace(
                    json_quote(normalized_name || ' ' || coalesce(normalized_description, '')), ' ', '","') || ']')
                WHERE json_each.value <> '';
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE search_word_trigrams USING fts5(
                    word, content = 'search_words', content_rowid = 'id', tokenize = 'trigram case_sensitive 1');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER search_words_insert_indexes_trigrams AFTER INSERT ON search_words BEGIN
                    INSERT INTO search_word_trigrams (rowid, word) VALUES (new.id, new.word);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER employers_insert_indexes_words AFTER INSERT ON employers BEGIN
                    INSERT INTO employer_words (rowid, normalized_name, normalized_description)
                    VALUES (new.id, new.normalized_name, new.normalized_description);
                    INSERT INTO search_words (word) SELECT word FROM employer_text_words WHERE id = new.id
                    ON CONFLICT (word) DO NOTHING;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER employers_delete_indexes_words AFTER DELETE ON employers BEGIN
                    INSERT INTO employer_words (employer_words, rowid, normalized_name, normalized_description)
                    VALUES ('delete', old.id, old.normalized_name, old.normalized_description);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER employers_update_indexes_words AFTER UPDATE OF normalized_name, normalized_description ON employers BEGIN
                    INSERT INTO employer_words (employer_words, rowid, normalized_name, normalized_description)
                    VALUES ('delete', old.id, old.normalized_name, old.normalized_description);
                    INSERT INTO employer_words (rowid, normalized_name, normalized_description)
                    VALUES (new.id, new.normalized_name, new.normalized_description);
                    INSERT INTO search_words (word) SELECT word FROM employer_text_words WHERE id = new.id
                    ON CONFLICT (word) DO NOTHING;
                END;
                """);

            migrationBuilder.Sql("INSERT INTO employer_words (employer_words) VALUES ('rebuild');");
            migrationBuilder.Sql("""
                INSERT INTO search_words (word) SELECT word FROM employer_text_words WHERE true ON CONFLICT (word) DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER employers_update_indexes_words;");
            migrationBuilder.Sql("DROP TRIGGER employers_delete_indexes_words;");
            migrationBuilder.Sql("DROP TRIGGER employers_insert_indexes_words;");
            migrationBuilder.Sql("DROP TRIGGER search_words_insert_indexes_trigrams;");
            migrationBuilder.Sql("DROP TABLE search_word_trigrams;");
            migrationBuilder.Sql("DROP VIEW employer_text_words;");
            migrationBuilder.Sql("DROP TABLE search_words;");
            migrationBuilder.Sql("DROP TABLE employer_words;");
        }
    }
}
