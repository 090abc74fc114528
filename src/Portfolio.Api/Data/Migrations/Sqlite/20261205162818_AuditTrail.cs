using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portfolio.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_chain",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    anchor_id = table.Column<long>(type: "INTEGER", nullable: false),
                    anchor_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    anchor_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    head_id = table.Column<long>(type: "INTEGER", nullable: false),
                    head_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    head_hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_chain", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_id = table.Column<long>(type: "INTEGER", nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    object_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    object_id = table.Column<long>(type: "INTEGER", nullable: true),
                    object_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    changes = table.Column<string>(type: "TEXT", nullable: false),
                    request_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    client_address = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "audit_chain",
                columns: new[] { "id", "anchor_at", "anchor_hash", "anchor_id", "head_at", "head_hash", "head_id" },
                values: new object[] { 1, new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0L, new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_action",
                table: "audit_entries",
                column: "action");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_actor",
                table: "audit_entries",
                column: "actor");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_object_type_object_id",
                table: "audit_entries",
                columns: new[] { "object_type", "object_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_chain");

            migrationBuilder.DropTable(
                name: "audit_entries");
        }
    }
}
