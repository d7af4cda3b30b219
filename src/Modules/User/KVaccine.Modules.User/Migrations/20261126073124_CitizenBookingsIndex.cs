using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.User.Migrations
{
    /// <inheritdoc />
    public partial class CitizenBookingsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_user_bookings_CitizenId",
                table: "user_bookings",
                column: "CitizenId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_user_bookings_CitizenId",
                table: "user_bookings");
        }
    }
}
