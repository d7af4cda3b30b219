using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.BuildingBlocks.Outbox.Migrations
{
    /// <inheritdoc />
    public partial class PartialIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_deliveries_Consumer_CorrelationKey_Status_MessageId",
                table: "outbox_deliveries");

            migrationBuilder.DropIndex(
                name: "IX_outbox_deliveries_Consumer_Status_MessageId",
                table: "outbox_deliveries");

            migrationBuilder.DropIndex(
                name: "IX_outbox_deliveries_Status_DeliveredAtMs",
                table: "outbox_deliveries");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_dead_letters",
                table: "outbox_deliveries",
                column: "Consumer",
                filter: "Status = 2");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_delivered",
                table: "outbox_deliveries",
                column: "DeliveredAtMs",
                filter: "Status = 1");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_pending",
                table: "outbox_deliveries",
                columns: new[] { "Consumer", "MessageId" },
                filter: "Status = 0");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_undelivered",
                table: "outbox_deliveries",
                columns: new[] { "Consumer", "CorrelationKey", "MessageId" },
                filter: "Status <> 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_deliveries_dead_letters",
                table: "outbox_deliveries");

            migrationBuilder.DropIndex(
                name: "IX_outbox_deliveries_delivered",
                table: "outbox_deliveries");

            migrationBuilder.DropIndex(
                name: "IX_outbox_deliveries_pending",
                table: "outbox_deliveries");

            migrationBuilder.DropIndex(
                name: "IX_outbox_deliveries_undelivered",
                table: "outbox_deliveries");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_Consumer_CorrelationKey_Status_MessageId",
                table: "outbox_deliveries",
                columns: new[] { "Consumer", "CorrelationKey", "Status", "MessageId" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_Consumer_Status_MessageId",
                table: "outbox_deliveries",
                columns: new[] { "Consumer", "Status", "MessageId" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_Status_DeliveredAtMs",
                table: "outbox_deliveries",
                columns: new[] { "Status", "DeliveredAtMs" });
        }
    }
}
