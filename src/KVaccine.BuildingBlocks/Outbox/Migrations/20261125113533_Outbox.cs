using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.BuildingBlocks.Outbox.Migrations
{
    /// <inheritdoc />
    public partial class Outbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    CorrelationKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Publisher = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OccurredAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_deliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Consumer = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CorrelationKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LockToken = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    LockedUntilMs = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    DeliveredAtMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_outbox_deliveries_outbox_messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "outbox_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_Consumer_CorrelationKey_Status_MessageId",
                table: "outbox_deliveries",
                columns: new[] { "Consumer", "CorrelationKey", "Status", "MessageId" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_Consumer_Status_MessageId",
                table: "outbox_deliveries",
                columns: new[] { "Consumer", "Status", "MessageId" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_MessageId",
                table: "outbox_deliveries",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_Status_DeliveredAtMs",
                table: "outbox_deliveries",
                columns: new[] { "Status", "DeliveredAtMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbox_deliveries");

            migrationBuilder.DropTable(
                name: "outbox_messages");
        }
    }
}
