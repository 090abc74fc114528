using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ShortTermIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Two-character search terms (EmployerSearch.SqlitePairIds): the trigram index's
            // vocabulary, to list the trigrams that start with a term, and each column's last two
            // characters, the one place where a term starts no trigram. EF Core's model knows
            // neither; a migration that rebuilds `employers` must create the two indexes again.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE employer_search_terms USING fts5vocab(employer_search, 'row');");
            migrationBuilder.Sql("CREATE INDEX ix_employers_normalized_name_end ON employers (substr(normalized_name, -2));");
            migrationBuilder.Sql("CREATE INDEX ix_employers_normalized_description_end ON employers (substr(normalized_description, -2));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_employers_normalized_description_end;");
            migrationBuilder.Sql("DROP INDEX ix_employers_normalized_name_end;");
            migrationBuilder.Sql("DROP TABLE employer_search_terms;");
        }
    }
}
