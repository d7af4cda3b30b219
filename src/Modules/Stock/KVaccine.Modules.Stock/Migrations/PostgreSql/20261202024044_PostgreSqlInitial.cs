using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KVaccine.Modules.Stock.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "stock");

            migrationBuilder.CreateTable(
                name: "ledger",
                schema: "stock",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VaccineType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Change = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    BookingId = table.Column<long>(type: "bigint", nullable: true),
                    CountAfter = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "levels",
                schema: "stock",
                columns: table => new
                {
                    VaccineType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_levels", x => x.VaccineType);
                    table.CheckConstraint("CK_stock_levels_count_not_negative", "\"Count\" >= 0");
                });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_BookingId_VaccineType",
                schema: "stock",
                table: "ledger",
                columns: new[] { "BookingId", "VaccineType" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_VaccineType",
                schema: "stock",
                table: "ledger",
                column: "VaccineType");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger",
                schema: "stock");

            migrationBuilder.DropTable(
                name: "levels",
                schema: "stock");
        }
    }
}
