using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.Hospital.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hospital_bookings",
                columns: table => new
                {
                    BookingId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    MaskedRegNumber = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    ReserveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    VaccineType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    TriedTypes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    InjectDate = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hospital_bookings", x => x.BookingId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hospital_bookings_ReserveDate",
                table: "hospital_bookings",
                column: "ReserveDate");

            migrationBuilder.CreateIndex(
                name: "IX_hospital_bookings_UserId",
                table: "hospital_bookings",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hospital_bookings");
        }
    }
}
