using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.Reservation.Migrations
{
    /// <inheritdoc />
    public partial class SitesAndSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_reservation_slots",
                table: "reservation_slots");

            migrationBuilder.RenameColumn(
                name: "Capacity",
                table: "reservation_slots",
                newName: "FirstCapacity");

            migrationBuilder.RenameColumn(
                name: "Booked",
                table: "reservation_slots",
                newName: "FirstBooked");

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "reservation_slots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "Start",
                table: "reservation_slots",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(0, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "SecondBooked",
                table: "reservation_slots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SecondCapacity",
                table: "reservation_slots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Minutes",
                table: "reservation_slots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1440);

            migrationBuilder.AddColumn<int>(
                name: "DoseNumber",
                table: "reservation_records",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "reservation_records",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "SlotStart",
                table: "reservation_records",
                type: "TEXT",
                nullable: true);

            // Bookings made before sites existed belong to the default site (1), a whole-day slot, first dose.
            migrationBuilder.Sql("UPDATE reservation_records SET \"SlotStart\" = '00:00:00' WHERE \"State\" <> 'Rejected';");

            migrationBuilder.AddPrimaryKey(
                name: "PK_reservation_slots",
                table: "reservation_slots",
                columns: new[] { "SiteId", "Date", "Start" });

            migrationBuilder.CreateTable(
                name: "reservation_sites",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    VaccineTypes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Hours = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SlotMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstDoseCapacity = table.Column<int>(type: "INTEGER", nullable: false),
                    SecondDoseCapacity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reservation_sites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reservation_closed_days",
                columns: table => new
                {
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reservation_closed_days", x => new { x.SiteId, x.Date });
                    table.ForeignKey(
                        name: "FK_reservation_closed_days_reservation_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "reservation_sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reservation_closed_days");

            migrationBuilder.DropTable(
                name: "reservation_sites");

            migrationBuilder.DropPrimaryKey(
                name: "PK_reservation_slots",
                table: "reservation_slots");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "reservation_slots");

            migrationBuilder.DropColumn(
                name: "Start",
                table: "reservation_slots");

            migrationBuilder.DropColumn(
                name: "SecondBooked",
                table: "reservation_slots");

            migrationBuilder.DropColumn(
                name: "SecondCapacity",
                table: "reservation_slots");

            migrationBuilder.DropColumn(
                name: "Minutes",
                table: "reservation_slots");

            migrationBuilder.DropColumn(
                name: "DoseNumber",
                table: "reservation_records");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "reservation_records");

            migrationBuilder.DropColumn(
                name: "SlotStart",
                table: "reservation_records");

            migrationBuilder.RenameColumn(
                name: "FirstCapacity",
                table: "reservation_slots",
                newName: "Capacity");

            migrationBuilder.RenameColumn(
                name: "FirstBooked",
                table: "reservation_slots",
                newName: "Booked");

            migrationBuilder.AddPrimaryKey(
                name: "PK_reservation_slots",
                table: "reservation_slots",
                column: "Date");
        }
    }
}
