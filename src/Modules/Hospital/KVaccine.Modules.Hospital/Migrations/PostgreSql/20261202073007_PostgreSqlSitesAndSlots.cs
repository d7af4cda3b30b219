using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.Hospital.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlSitesAndSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DoseNumber",
                schema: "hospital",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                schema: "hospital",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "SiteName",
                schema: "hospital",
                table: "bookings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SlotMinutes",
                schema: "hospital",
                table: "bookings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "SlotTime",
                schema: "hospital",
                table: "bookings",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_bookings_SiteId_ReserveDate",
                schema: "hospital",
                table: "bookings",
                columns: new[] { "SiteId", "ReserveDate" });

            // Bookings made before sites existed belong to the default site (1), a whole-day slot, first dose.
            migrationBuilder.Sql("UPDATE hospital.bookings SET \"SlotTime\" = TIME '00:00', \"SlotMinutes\" = 1440 WHERE \"Status\" <> 'PENDING';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookings_SiteId_ReserveDate",
                schema: "hospital",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "DoseNumber",
                schema: "hospital",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "SiteId",
                schema: "hospital",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "SiteName",
                schema: "hospital",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "SlotMinutes",
                schema: "hospital",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "SlotTime",
                schema: "hospital",
                table: "bookings");
        }
    }
}
