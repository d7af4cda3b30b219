using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.Dashboard.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "dashboard");

            migrationBuilder.CreateTable(
                name: "bookings",
                schema: "dashboard",
                columns: table => new
                {
                    BookingId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<long>(type: "bigint", nullable: false),
                    UserName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    MaskedRegNumber = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    ReserveDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ReserveStatus = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    VaccineType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    InjectDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CancelDate = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookings", x => x.BookingId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bookings_ReserveStatus",
                schema: "dashboard",
                table: "bookings",
                column: "ReserveStatus");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_VaccineType",
                schema: "dashboard",
                table: "bookings",
                column: "VaccineType");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bookings",
                schema: "dashboard");
        }
    }
}
