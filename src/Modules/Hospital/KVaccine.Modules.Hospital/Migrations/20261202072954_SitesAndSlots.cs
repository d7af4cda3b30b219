using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.Hospital.Migrations
{
    /// <inheritdoc />
    public partial class SitesAndSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DoseNumber",
                table: "hospital_bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "hospital_bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "SiteName",
                table: "hospital_bookings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SlotMinutes",
                table: "hospital_bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "SlotTime",
                table: "hospital_bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_hospital_bookings_SiteId_ReserveDate",
                table: "hospital_bookings",
                columns: new[] { "SiteId", "ReserveDate" });

            // Bookings made before sites existed belong to the default site (1), a whole-day slot, first dose.
            migrationBuilder.Sql("UPDATE hospital_bookings SET \"SlotTime\" = '00:00:00', \"SlotMinutes\" = 1440 WHERE \"Status\" <> 'PENDING';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_hospital_bookings_SiteId_ReserveDate",
                table: "hospital_bookings");

            migrationBuilder.DropColumn(
                name: "DoseNumber",
                table: "hospital_bookings");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "hospital_bookings");

            migrationBuilder.DropColumn(
                name: "SiteName",
                table: "hospital_bookings");

            migrationBuilder.DropColumn(
                name: "SlotMinutes",
                table: "hospital_bookings");

            migrationBuilder.DropColumn(
                name: "SlotTime",
                table: "hospital_bookings");
        }
    }
}
