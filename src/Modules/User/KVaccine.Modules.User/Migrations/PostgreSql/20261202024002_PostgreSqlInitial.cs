using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KVaccine.Modules.User.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "user");

            migrationBuilder.CreateTable(
                name: "citizens",
                schema: "user",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RegNumberHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MaskedRegNumber = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_citizens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_corrections",
                schema: "user",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegNumberHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CitizenId = table.Column<long>(type: "bigint", nullable: true),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PreviousName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NewName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Staff = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_corrections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_locks",
                schema: "user",
                columns: table => new
                {
                    RegNumberHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WrongNames = table.Column<int>(type: "integer", nullable: false),
                    CountingSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ForgetAfterMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_locks", x => x.RegNumberHash);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                schema: "user",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CitizenId = table.Column<long>(type: "bigint", nullable: false),
                    BookingId = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                schema: "user",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CitizenId = table.Column<long>(type: "bigint", nullable: false),
                    ReserveDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    VaccineType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    InjectDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CancelDate = table.Column<DateOnly>(type: "date", nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_bookings_citizens_CitizenId",
                        column: x => x.CitizenId,
                        principalSchema: "user",
                        principalTable: "citizens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_user_bookings_CitizenId",
                schema: "user",
                table: "bookings",
                column: "CitizenId");

            migrationBuilder.CreateIndex(
                name: "IX_user_bookings_one_active",
                schema: "user",
                table: "bookings",
                column: "CitizenId",
                unique: true,
                filter: "\"Status\" IN ('PENDING', 'RESERVE')");

            migrationBuilder.CreateIndex(
                name: "IX_citizens_RegNumberHash",
                schema: "user",
                table: "citizens",
                column: "RegNumberHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_corrections_RegNumberHash",
                schema: "user",
                table: "identity_corrections",
                column: "RegNumberHash");

            migrationBuilder.CreateIndex(
                name: "IX_identity_locks_ForgetAfterMs",
                schema: "user",
                table: "identity_locks",
                column: "ForgetAfterMs");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_CitizenId",
                schema: "user",
                table: "notifications",
                column: "CitizenId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bookings",
                schema: "user");

            migrationBuilder.DropTable(
                name: "identity_corrections",
                schema: "user");

            migrationBuilder.DropTable(
                name: "identity_locks",
                schema: "user");

            migrationBuilder.DropTable(
                name: "notifications",
                schema: "user");

            migrationBuilder.DropTable(
                name: "citizens",
                schema: "user");
        }
    }
}
