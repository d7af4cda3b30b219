using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.Hospital.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "hospital");

            migrationBuilder.CreateTable(
                name: "bookings",
                schema: "hospital",
                columns: table => new
                {
                    BookingId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<long>(type: "bigint", nullable: false),
                    UserName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    MaskedRegNumber = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    ReserveDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    VaccineType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    TriedTypes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    InjectDate = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookings", x => x.BookingId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bookings_ReserveDate",
                schema: "hospital",
                table: "bookings",
                column: "ReserveDate");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_UserId",
                schema: "hospital",
                table: "bookings",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bookings",
                schema: "hospital");
        }
    }
}
