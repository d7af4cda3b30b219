using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.BuildingBlocks.Outbox.Migrations
{
    /// <inheritdoc />
    public partial class MessagesByAge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_OccurredAtMs",
                table: "outbox_messages",
                column: "OccurredAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_messages_OccurredAtMs",
                table: "outbox_messages");
        }
    }
}
