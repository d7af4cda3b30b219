using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KVaccine.Modules.User.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CitizenLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                schema: "user",
                table: "citizens",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "ko");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                schema: "user",
                table: "citizens");
        }
    }
}
