using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.Dashboard.Migrations
{
    /// <inheritdoc />
    public partial class SitesAndSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DoseNumber",
                table: "dashboard_bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                table: "dashboard_bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "SiteName",
                table: "dashboard_bookings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SlotMinutes",
                table: "dashboard_bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "SlotTime",
                table: "dashboard_bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_bookings_SiteId",
                table: "dashboard_bookings",
                column: "SiteId");

            // Bookings made before sites existed belong to the default site (1), a whole-day slot, first dose.
            migrationBuilder.Sql("UPDATE dashboard_bookings SET \"SlotTime\" = '00:00:00', \"SlotMinutes\" = 1440 WHERE \"ReserveStatus\" <> 'PENDING';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dashboard_bookings_SiteId",
                table: "dashboard_bookings");

            migrationBuilder.DropColumn(
                name: "DoseNumber",
                table: "dashboard_bookings");

            migrationBuilder.DropColumn(
                name: "SiteId",
                table: "dashboard_bookings");

            migrationBuilder.DropColumn(
                name: "SiteName",
                table: "dashboard_bookings");

            migrationBuilder.DropColumn(
                name: "SlotMinutes",
                table: "dashboard_bookings");

            migrationBuilder.DropColumn(
                name: "SlotTime",
                table: "dashboard_bookings");
        }
    }
}
