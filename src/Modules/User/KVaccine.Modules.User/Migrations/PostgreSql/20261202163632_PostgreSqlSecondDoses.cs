using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.User.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlSecondDoses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_user_bookings_one_active",
                schema: "user",
                table: "bookings");

            migrationBuilder.AddColumn<DateOnly>(
                name: "EarliestDate",
                schema: "user",
                table: "bookings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LatestDate",
                schema: "user",
                table: "bookings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MoveRefused",
                schema: "user",
                table: "bookings",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MovingTo",
                schema: "user",
                table: "bookings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "MovingToSlot",
                schema: "user",
                table: "bookings",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NearestDate",
                schema: "user",
                table: "bookings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OfferedVaccineTypes",
                schema: "user",
                table: "bookings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SecondDosesBooked",
                schema: "user",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_user_bookings_one_active",
                schema: "user",
                table: "bookings",
                columns: new[] { "CitizenId", "DoseNumber" },
                unique: true,
                filter: "\"Status\" IN ('PENDING', 'RESERVE')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_user_bookings_one_active",
                schema: "user",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "EarliestDate",
                schema: "user",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "LatestDate",
                schema: "user",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "MoveRefused",
                schema: "user",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "MovingTo",
                schema: "user",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "MovingToSlot",
                schema: "user",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "NearestDate",
                schema: "user",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "OfferedVaccineTypes",
                schema: "user",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "SecondDosesBooked",
                schema: "user",
                table: "bookings");

            migrationBuilder.CreateIndex(
                name: "IX_user_bookings_one_active",
                schema: "user",
                table: "bookings",
                column: "CitizenId",
                unique: true,
                filter: "\"Status\" IN ('PENDING', 'RESERVE')");
        }
    }
}
