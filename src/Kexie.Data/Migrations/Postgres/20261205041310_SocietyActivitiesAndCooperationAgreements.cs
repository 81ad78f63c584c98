using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SocietyActivitiesAndCooperationAgreements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CooperationAgreements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkstationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OrganizationIds = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    OrganizationNames = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ExpertWorkerIds = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    Institution = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AmountWan = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CooperationAgreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CooperationAgreements_Workstations_WorkstationId",
                        column: x => x.WorkstationId,
                        principalTable: "Workstations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SocietyActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssociationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssociationName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Participants = table.Column<int>(type: "integer", nullable: true),
                    PartnerUnits = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocietyActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SocietyActivities_Associations_AssociationId",
                        column: x => x.AssociationId,
                        principalTable: "Associations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CooperationAgreements_RegionCode_SignedOn",
                table: "CooperationAgreements",
                columns: new[] { "RegionCode", "SignedOn" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_CooperationAgreements_WorkstationId",
                table: "CooperationAgreements",
                column: "WorkstationId");

            migrationBuilder.CreateIndex(
                name: "IX_SocietyActivities_AssociationId",
                table: "SocietyActivities",
                column: "AssociationId");

            migrationBuilder.CreateIndex(
                name: "IX_SocietyActivities_RegionCode_HeldOn",
                table: "SocietyActivities",
                columns: new[] { "RegionCode", "HeldOn" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CooperationAgreements");

            migrationBuilder.DropTable(
                name: "SocietyActivities");
        }
    }
}
