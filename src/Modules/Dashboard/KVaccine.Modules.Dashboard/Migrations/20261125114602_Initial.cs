using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.Dashboard.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dashboard_bookings",
                columns: table => new
                {
                    BookingId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    MaskedRegNumber = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    ReserveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReserveStatus = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    VaccineType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    InjectDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CancelDate = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_bookings", x => x.BookingId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_bookings_ReserveStatus",
                table: "dashboard_bookings",
                column: "ReserveStatus");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_bookings_VaccineType",
                table: "dashboard_bookings",
                column: "VaccineType");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dashboard_bookings");
        }
    }
}
