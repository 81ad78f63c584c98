using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UnitNominations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "NominatedByAssociationId",
                table: "Nominations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NominatedByUnitName",
                table: "Nominations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AllowsUnitNominations",
                table: "HonourCalls",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_NominatedByAssociationId",
                table: "Nominations",
                column: "NominatedByAssociationId");

            migrationBuilder.AddForeignKey(
                name: "FK_Nominations_Associations_NominatedByAssociationId",
                table: "Nominations",
                column: "NominatedByAssociationId",
                principalTable: "Associations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Nominations_Associations_NominatedByAssociationId",
                table: "Nominations");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_NominatedByAssociationId",
                table: "Nominations");

            migrationBuilder.DropColumn(
                name: "NominatedByAssociationId",
                table: "Nominations");

            migrationBuilder.DropColumn(
                name: "NominatedByUnitName",
                table: "Nominations");

            migrationBuilder.DropColumn(
                name: "AllowsUnitNominations",
                table: "HonourCalls");
        }
    }
}
