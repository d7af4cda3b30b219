using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.User.Migrations
{
    /// <inheritdoc />
    public partial class SecondDoses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_user_bookings_one_active",
                table: "user_bookings");

            migrationBuilder.AddColumn<DateOnly>(
                name: "EarliestDate",
                table: "user_bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LatestDate",
                table: "user_bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MoveRefused",
                table: "user_bookings",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MovingTo",
                table: "user_bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "MovingToSlot",
                table: "user_bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NearestDate",
                table: "user_bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OfferedVaccineTypes",
                table: "user_bookings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SecondDosesBooked",
                table: "user_bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_user_bookings_one_active",
                table: "user_bookings",
                columns: new[] { "CitizenId", "DoseNumber" },
                unique: true,
                filter: "\"Status\" IN ('PENDING', 'RESERVE')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_user_bookings_one_active",
                table: "user_bookings");

            migrationBuilder.DropColumn(
                name: "EarliestDate",
                table: "user_bookings");

            migrationBuilder.DropColumn(
                name: "LatestDate",
                table: "user_bookings");

            migrationBuilder.DropColumn(
                name: "MoveRefused",
                table: "user_bookings");

            migrationBuilder.DropColumn(
                name: "MovingTo",
                table: "user_bookings");

            migrationBuilder.DropColumn(
                name: "MovingToSlot",
                table: "user_bookings");

            migrationBuilder.DropColumn(
                name: "NearestDate",
                table: "user_bookings");

            migrationBuilder.DropColumn(
                name: "OfferedVaccineTypes",
                table: "user_bookings");

            migrationBuilder.DropColumn(
                name: "SecondDosesBooked",
                table: "user_bookings");

            migrationBuilder.CreateIndex(
                name: "IX_user_bookings_one_active",
                table: "user_bookings",
                column: "CitizenId",
                unique: true,
                filter: "\"Status\" IN ('PENDING', 'RESERVE')");
        }
    }
}
