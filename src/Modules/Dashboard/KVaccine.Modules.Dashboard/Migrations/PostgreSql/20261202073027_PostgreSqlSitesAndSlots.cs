using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.Dashboard.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlSitesAndSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DoseNumber",
                schema: "dashboard",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                schema: "dashboard",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "SiteName",
                schema: "dashboard",
                table: "bookings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SlotMinutes",
                schema: "dashboard",
                table: "bookings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "SlotTime",
                schema: "dashboard",
                table: "bookings",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_bookings_SiteId",
                schema: "dashboard",
                table: "bookings",
                column: "SiteId");

            // Bookings made before sites existed belong to the default site (1), a whole-day slot, first dose.
            migrationBuilder.Sql("UPDATE dashboard.bookings SET \"SlotTime\" = TIME '00:00', \"SlotMinutes\" = 1440 WHERE \"ReserveStatus\" <> 'PENDING';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookings_SiteId",
                schema: "dashboard",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "DoseNumber",
                schema: "dashboard",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "SiteId",
                schema: "dashboard",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "SiteName",
                schema: "dashboard",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "SlotMinutes",
                schema: "dashboard",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "SlotTime",
                schema: "dashboard",
                table: "bookings");
        }
    }
}
