using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.User.Migrations
{
    /// <inheritdoc />
    public partial class IdentityLocksAndCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "user_identity_corrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegNumberHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CitizenId = table.Column<long>(type: "INTEGER", nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PreviousName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NewName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Staff = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_identity_corrections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "user_identity_locks",
                columns: table => new
                {
                    RegNumberHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WrongNames = table.Column<int>(type: "INTEGER", nullable: false),
                    CountingSince = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LockedUntil = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ForgetAfterMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_identity_locks", x => x.RegNumberHash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_user_identity_corrections_RegNumberHash",
                table: "user_identity_corrections",
                column: "RegNumberHash");

            migrationBuilder.CreateIndex(
                name: "IX_user_identity_locks_ForgetAfterMs",
                table: "user_identity_locks",
                column: "ForgetAfterMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "user_identity_corrections");

            migrationBuilder.DropTable(
                name: "user_identity_locks");
        }
    }
}
