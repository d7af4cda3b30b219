using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KVaccine.BuildingBlocks.Outbox.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "outbox");

            migrationBuilder.CreateTable(
                name: "messages",
                schema: "outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    CorrelationKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Publisher = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    OccurredAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "deliveries",
                schema: "outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    CorrelationKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAtMs = table.Column<long>(type: "bigint", nullable: false),
                    LockToken = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    LockedUntilMs = table.Column<long>(type: "bigint", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true),
                    DeliveredAtMs = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_deliveries_messages_MessageId",
                        column: x => x.MessageId,
                        principalSchema: "outbox",
                        principalTable: "messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_deliveries_MessageId",
                schema: "outbox",
                table: "deliveries",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_dead_letters",
                schema: "outbox",
                table: "deliveries",
                column: "Consumer",
                filter: "\"Status\" = 2");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_delivered",
                schema: "outbox",
                table: "deliveries",
                column: "DeliveredAtMs",
                filter: "\"Status\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_pending",
                schema: "outbox",
                table: "deliveries",
                columns: new[] { "Consumer", "MessageId" },
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_undelivered",
                schema: "outbox",
                table: "deliveries",
                columns: new[] { "Consumer", "CorrelationKey", "MessageId" },
                filter: "\"Status\" <> 1");

            migrationBuilder.CreateIndex(
                name: "IX_messages_OccurredAtMs",
                schema: "outbox",
                table: "messages",
                column: "OccurredAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deliveries",
                schema: "outbox");

            migrationBuilder.DropTable(
                name: "messages",
                schema: "outbox");
        }
    }
}
