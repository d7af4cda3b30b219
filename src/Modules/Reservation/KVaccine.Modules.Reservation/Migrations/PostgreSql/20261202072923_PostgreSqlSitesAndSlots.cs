using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KVaccine.Modules.Reservation.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlSitesAndSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_slots",
                schema: "reservation",
                table: "slots");

            migrationBuilder.RenameColumn(
                name: "Capacity",
                schema: "reservation",
                table: "slots",
                newName: "FirstCapacity");

            migrationBuilder.RenameColumn(
                name: "Booked",
                schema: "reservation",
                table: "slots",
                newName: "FirstBooked");

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                schema: "reservation",
                table: "slots",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "Start",
                schema: "reservation",
                table: "slots",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(0, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "SecondBooked",
                schema: "reservation",
                table: "slots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SecondCapacity",
                schema: "reservation",
                table: "slots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Minutes",
                schema: "reservation",
                table: "slots",
                type: "integer",
                nullable: false,
                defaultValue: 1440);

            migrationBuilder.AddColumn<int>(
                name: "DoseNumber",
                schema: "reservation",
                table: "records",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "SiteId",
                schema: "reservation",
                table: "records",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "SlotStart",
                schema: "reservation",
                table: "records",
                type: "time without time zone",
                nullable: true);

            // Bookings made before sites existed belong to the default site (1), a whole-day slot, first dose.
            migrationBuilder.Sql("UPDATE reservation.records SET \"SlotStart\" = TIME '00:00' WHERE \"State\" <> 'Rejected';");

            migrationBuilder.AddPrimaryKey(
                name: "PK_slots",
                schema: "reservation",
                table: "slots",
                columns: new[] { "SiteId", "Date", "Start" });

            migrationBuilder.CreateTable(
                name: "sites",
                schema: "reservation",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    VaccineTypes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Hours = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SlotMinutes = table.Column<int>(type: "integer", nullable: false),
                    FirstDoseCapacity = table.Column<int>(type: "integer", nullable: false),
                    SecondDoseCapacity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "closed_days",
                schema: "reservation",
                columns: table => new
                {
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_closed_days", x => new { x.SiteId, x.Date });
                    table.ForeignKey(
                        name: "FK_closed_days_sites_SiteId",
                        column: x => x.SiteId,
                        principalSchema: "reservation",
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "closed_days",
                schema: "reservation");

            migrationBuilder.DropTable(
                name: "sites",
                schema: "reservation");

            migrationBuilder.DropPrimaryKey(
                name: "PK_slots",
                schema: "reservation",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "SiteId",
                schema: "reservation",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "Start",
                schema: "reservation",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "SecondBooked",
                schema: "reservation",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "SecondCapacity",
                schema: "reservation",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "Minutes",
                schema: "reservation",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "DoseNumber",
                schema: "reservation",
                table: "records");

            migrationBuilder.DropColumn(
                name: "SiteId",
                schema: "reservation",
                table: "records");

            migrationBuilder.DropColumn(
                name: "SlotStart",
                schema: "reservation",
                table: "records");

            migrationBuilder.RenameColumn(
                name: "FirstCapacity",
                schema: "reservation",
                table: "slots",
                newName: "Capacity");

            migrationBuilder.RenameColumn(
                name: "FirstBooked",
                schema: "reservation",
                table: "slots",
                newName: "Booked");

            migrationBuilder.AddPrimaryKey(
                name: "PK_slots",
                schema: "reservation",
                table: "slots",
                column: "Date");
        }
    }
}
