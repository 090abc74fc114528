using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EmployerSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "normalized_description",
                table: "employers",
                type: "character varying(5000)",
                maxLength: 5000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_employers_name",
                table: "employers",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_employers_normalized_description_trgm",
                table: "employers",
                column: "normalized_description")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_employers_name",
                table: "employers");

            migrationBuilder.DropIndex(
                name: "ix_employers_normalized_description_trgm",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "normalized_description",
                table: "employers");
        }
    }
}
