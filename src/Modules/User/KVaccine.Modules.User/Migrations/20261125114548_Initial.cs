using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.User.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "user_citizens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RegNumberHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MaskedRegNumber = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_citizens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "user_notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CitizenId = table.Column<long>(type: "INTEGER", nullable: false),
                    BookingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "user_bookings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CitizenId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReserveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    VaccineType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    InjectDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CancelDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_user_bookings_user_citizens_CitizenId",
                        column: x => x.CitizenId,
                        principalTable: "user_citizens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_user_bookings_one_active",
                table: "user_bookings",
                column: "CitizenId",
                unique: true,
                filter: "\"Status\" IN ('PENDING', 'RESERVE')");

            migrationBuilder.CreateIndex(
                name: "IX_user_citizens_RegNumberHash",
                table: "user_citizens",
                column: "RegNumberHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_user_notifications_CitizenId",
                table: "user_notifications",
                column: "CitizenId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "user_bookings");

            migrationBuilder.DropTable(
                name: "user_notifications");

            migrationBuilder.DropTable(
                name: "user_citizens");
        }
    }
}
