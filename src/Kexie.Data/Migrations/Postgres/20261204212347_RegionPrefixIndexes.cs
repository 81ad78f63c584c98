using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegionPrefixIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Workstations_RegionCode_Kind",
                table: "Workstations");

            migrationBuilder.DropIndex(
                name: "IX_VolunteerTeams_RegionCode_Kind",
                table: "VolunteerTeams");

            migrationBuilder.DropIndex(
                name: "IX_Volunteers_RegionCode",
                table: "Volunteers");

            migrationBuilder.DropIndex(
                name: "IX_VenueVisits_RegionCode_Day",
                table: "VenueVisits");

            migrationBuilder.DropIndex(
                name: "IX_Venues_RegionCode_Kind",
                table: "Venues");

            migrationBuilder.DropIndex(
                name: "IX_ThinkTankTopics_CallRegionCode",
                table: "ThinkTankTopics");

            migrationBuilder.DropIndex(
                name: "IX_ThinkTankTopics_RegionCode",
                table: "ThinkTankTopics");

            migrationBuilder.DropIndex(
                name: "IX_ThinkTankCalls_RegionCode",
                table: "ThinkTankCalls");

            migrationBuilder.DropIndex(
                name: "IX_TextMessageOutbox_RegionCode",
                table: "TextMessageOutbox");

            migrationBuilder.DropIndex(
                name: "IX_Surveys_RegionCode_Year",
                table: "Surveys");

            migrationBuilder.DropIndex(
                name: "IX_Storefronts_RegionCode",
                table: "Storefronts");

            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_RegionCode_ServedOn",
                table: "ServiceTickets");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRecords_RegionCode_Status",
                table: "ServiceRecords");

            migrationBuilder.DropIndex(
                name: "IX_ServiceAgencies_RegionCode",
                table: "ServiceAgencies");

            migrationBuilder.DropIndex(
                name: "IX_ScienceWorkers_RegionCode",
                table: "ScienceWorkers");

            migrationBuilder.DropIndex(
                name: "IX_ScienceContents_RegionCode",
                table: "ScienceContents");

            migrationBuilder.DropIndex(
                name: "IX_ScienceContents_Status_RegionCode",
                table: "ScienceContents");

            migrationBuilder.DropIndex(
                name: "IX_ResponsePlans_RegionCode",
                table: "ResponsePlans");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_RegionCode_Status",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_PopularizationActivities_RegionCode_StartsOn",
                table: "PopularizationActivities");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_RegionCode",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_OrganizationApplications_RegionCode_Status",
                table: "OrganizationApplications");

            migrationBuilder.DropIndex(
                name: "IX_Orders_RegionCode",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_OperationLog_RegionCode",
                table: "OperationLog");

            migrationBuilder.DropIndex(
                name: "IX_Offers_RegionCode",
                table: "Offers");

            migrationBuilder.DropIndex(
                name: "IX_Offers_Status_RegionCode",
                table: "Offers");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_RegionCode",
                table: "Nominations");

            migrationBuilder.DropIndex(
                name: "IX_Needs_RegionCode",
                table: "Needs");

            migrationBuilder.DropIndex(
                name: "IX_Needs_Status_RegionCode",
                table: "Needs");

            migrationBuilder.DropIndex(
                name: "IX_LoginLog_RegionCode",
                table: "LoginLog");

            migrationBuilder.DropIndex(
                name: "IX_LiteracyTargets_RegionCode_Year",
                table: "LiteracyTargets");

            migrationBuilder.DropIndex(
                name: "IX_LiteracySurveys_RegionCode_Year",
                table: "LiteracySurveys");

            migrationBuilder.DropIndex(
                name: "IX_LinkageTasks_AssignedByRegionCode",
                table: "LinkageTasks");

            migrationBuilder.DropIndex(
                name: "IX_LinkageTasks_RegionCode",
                table: "LinkageTasks");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorRollups_Covering",
                table: "IndicatorRollups");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorFacts_RegionCode_Kind_Day",
                table: "IndicatorFacts");

            migrationBuilder.DropIndex(
                name: "IX_HonourCalls_RegionCode_Year",
                table: "HonourCalls");

            migrationBuilder.DropIndex(
                name: "IX_Fairs_RegionCode",
                table: "Fairs");

            migrationBuilder.DropIndex(
                name: "IX_FairProjects_RegionCode",
                table: "FairProjects");

            migrationBuilder.DropIndex(
                name: "IX_FairProjects_Status_RegionCode",
                table: "FairProjects");

            migrationBuilder.DropIndex(
                name: "IX_Experts_RegionCode",
                table: "Experts");

            migrationBuilder.DropIndex(
                name: "IX_EventTallies_RegionCode_Day",
                table: "EventTallies");

            migrationBuilder.DropIndex(
                name: "IX_EStationUsages_RegionCode_Day",
                table: "EStationUsages");

            migrationBuilder.DropIndex(
                name: "IX_EStations_RegionCode",
                table: "EStations");

            migrationBuilder.DropIndex(
                name: "IX_Contests_RegionCode_Year",
                table: "Contests");

            migrationBuilder.DropIndex(
                name: "IX_ContestEntries_RegionCode",
                table: "ContestEntries");

            migrationBuilder.DropIndex(
                name: "IX_Associations_RegionCode",
                table: "Associations");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_RegionCode",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_ActivityParticipants_RegionCode",
                table: "ActivityParticipants");

            migrationBuilder.CreateIndex(
                name: "IX_Workstations_RegionCode_Kind",
                table: "Workstations",
                columns: new[] { "RegionCode", "Kind" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerTeams_RegionCode_Kind",
                table: "VolunteerTeams",
                columns: new[] { "RegionCode", "Kind" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_RegionCode",
                table: "Volunteers",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_VenueVisits_RegionCode_Day",
                table: "VenueVisits",
                columns: new[] { "RegionCode", "Day" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_Venues_RegionCode_Kind",
                table: "Venues",
                columns: new[] { "RegionCode", "Kind" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankTopics_CallRegionCode",
                table: "ThinkTankTopics",
                column: "CallRegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankTopics_RegionCode",
                table: "ThinkTankTopics",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankCalls_RegionCode",
                table: "ThinkTankCalls",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_TextMessageOutbox_RegionCode",
                table: "TextMessageOutbox",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_RegionCode_Year",
                table: "Surveys",
                columns: new[] { "RegionCode", "Year" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_Storefronts_RegionCode",
                table: "Storefronts",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_RegionCode_ServedOn",
                table: "ServiceTickets",
                columns: new[] { "RegionCode", "ServedOn" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_RegionCode_Status",
                table: "ServiceRecords",
                columns: new[] { "RegionCode", "Status" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceAgencies_RegionCode",
                table: "ServiceAgencies",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ScienceWorkers_RegionCode",
                table: "ScienceWorkers",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ScienceContents_RegionCode",
                table: "ScienceContents",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ScienceContents_Status_RegionCode",
                table: "ScienceContents",
                columns: new[] { "Status", "RegionCode" })
                .Annotation("Npgsql:IndexOperators", new[] { null, "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ResponsePlans_RegionCode",
                table: "ResponsePlans",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Regions_Code_prefix",
                table: "Regions",
                column: "Code")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_RegionCode_Status",
                table: "Proposals",
                columns: new[] { "RegionCode", "Status" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_PopularizationActivities_RegionCode_StartsOn",
                table: "PopularizationActivities",
                columns: new[] { "RegionCode", "StartsOn" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_RegionCode",
                table: "Organizations",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationApplications_RegionCode_Status",
                table: "OrganizationApplications",
                columns: new[] { "RegionCode", "Status" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_RegionCode",
                table: "Orders",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_OperationLog_RegionCode",
                table: "OperationLog",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Offers_RegionCode",
                table: "Offers",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Offers_Status_RegionCode",
                table: "Offers",
                columns: new[] { "Status", "RegionCode" })
                .Annotation("Npgsql:IndexOperators", new[] { null, "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_RegionCode",
                table: "Nominations",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_RegionCode",
                table: "Needs",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_Status_RegionCode",
                table: "Needs",
                columns: new[] { "Status", "RegionCode" })
                .Annotation("Npgsql:IndexOperators", new[] { null, "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_LoginLog_RegionCode",
                table: "LoginLog",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyTargets_RegionCode_Year",
                table: "LiteracyTargets",
                columns: new[] { "RegionCode", "Year" },
                unique: true)
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_LiteracySurveys_RegionCode_Year",
                table: "LiteracySurveys",
                columns: new[] { "RegionCode", "Year" },
                unique: true)
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_LinkageTasks_AssignedByRegionCode",
                table: "LinkageTasks",
                column: "AssignedByRegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_LinkageTasks_RegionCode",
                table: "LinkageTasks",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorRollups_Covering",
                table: "IndicatorRollups",
                columns: new[] { "Grain", "Level", "RegionCode", "Day", "Kind", "Count", "AmountFen" },
                filter: "\"Grain\" >= 2")
                .Annotation("Npgsql:IndexOperators", new[] { null, null, "varchar_pattern_ops", null, null, null, null });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorFacts_RegionCode_Kind_Day",
                table: "IndicatorFacts",
                columns: new[] { "RegionCode", "Kind", "Day" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null, null });

            migrationBuilder.CreateIndex(
                name: "IX_HonourCalls_RegionCode_Year",
                table: "HonourCalls",
                columns: new[] { "RegionCode", "Year" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_Fairs_RegionCode",
                table: "Fairs",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_FairProjects_RegionCode",
                table: "FairProjects",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_FairProjects_Status_RegionCode",
                table: "FairProjects",
                columns: new[] { "Status", "RegionCode" })
                .Annotation("Npgsql:IndexOperators", new[] { null, "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Experts_RegionCode",
                table: "Experts",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_EventTallies_RegionCode_Day",
                table: "EventTallies",
                columns: new[] { "RegionCode", "Day" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_EStationUsages_RegionCode_Day",
                table: "EStationUsages",
                columns: new[] { "RegionCode", "Day" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_EStations_RegionCode",
                table: "EStations",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Contests_RegionCode_Year",
                table: "Contests",
                columns: new[] { "RegionCode", "Year" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_ContestEntries_RegionCode",
                table: "ContestEntries",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Associations_RegionCode",
                table: "Associations",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_RegionCode",
                table: "AspNetUsers",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityParticipants_RegionCode",
                table: "ActivityParticipants",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Workstations_RegionCode_Kind",
                table: "Workstations");

            migrationBuilder.DropIndex(
                name: "IX_VolunteerTeams_RegionCode_Kind",
                table: "VolunteerTeams");

            migrationBuilder.DropIndex(
                name: "IX_Volunteers_RegionCode",
                table: "Volunteers");

            migrationBuilder.DropIndex(
                name: "IX_VenueVisits_RegionCode_Day",
                table: "VenueVisits");

            migrationBuilder.DropIndex(
                name: "IX_Venues_RegionCode_Kind",
                table: "Venues");

            migrationBuilder.DropIndex(
                name: "IX_ThinkTankTopics_CallRegionCode",
                table: "ThinkTankTopics");

            migrationBuilder.DropIndex(
                name: "IX_ThinkTankTopics_RegionCode",
                table: "ThinkTankTopics");

            migrationBuilder.DropIndex(
                name: "IX_ThinkTankCalls_RegionCode",
                table: "ThinkTankCalls");

            migrationBuilder.DropIndex(
                name: "IX_TextMessageOutbox_RegionCode",
                table: "TextMessageOutbox");

            migrationBuilder.DropIndex(
                name: "IX_Surveys_RegionCode_Year",
                table: "Surveys");

            migrationBuilder.DropIndex(
                name: "IX_Storefronts_RegionCode",
                table: "Storefronts");

            migrationBuilder.DropIndex(
                name: "IX_ServiceTickets_RegionCode_ServedOn",
                table: "ServiceTickets");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRecords_RegionCode_Status",
                table: "ServiceRecords");

            migrationBuilder.DropIndex(
                name: "IX_ServiceAgencies_RegionCode",
                table: "ServiceAgencies");

            migrationBuilder.DropIndex(
                name: "IX_ScienceWorkers_RegionCode",
                table: "ScienceWorkers");

            migrationBuilder.DropIndex(
                name: "IX_ScienceContents_RegionCode",
                table: "ScienceContents");

            migrationBuilder.DropIndex(
                name: "IX_ScienceContents_Status_RegionCode",
                table: "ScienceContents");

            migrationBuilder.DropIndex(
                name: "IX_ResponsePlans_RegionCode",
                table: "ResponsePlans");

            migrationBuilder.DropIndex(
                name: "IX_Regions_Code_prefix",
                table: "Regions");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_RegionCode_Status",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_PopularizationActivities_RegionCode_StartsOn",
                table: "PopularizationActivities");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_RegionCode",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_OrganizationApplications_RegionCode_Status",
                table: "OrganizationApplications");

            migrationBuilder.DropIndex(
                name: "IX_Orders_RegionCode",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_OperationLog_RegionCode",
                table: "OperationLog");

            migrationBuilder.DropIndex(
                name: "IX_Offers_RegionCode",
                table: "Offers");

            migrationBuilder.DropIndex(
                name: "IX_Offers_Status_RegionCode",
                table: "Offers");

            migrationBuilder.DropIndex(
                name: "IX_Nominations_RegionCode",
                table: "Nominations");

            migrationBuilder.DropIndex(
                name: "IX_Needs_RegionCode",
                table: "Needs");

            migrationBuilder.DropIndex(
                name: "IX_Needs_Status_RegionCode",
                table: "Needs");

            migrationBuilder.DropIndex(
                name: "IX_LoginLog_RegionCode",
                table: "LoginLog");

            migrationBuilder.DropIndex(
                name: "IX_LiteracyTargets_RegionCode_Year",
                table: "LiteracyTargets");

            migrationBuilder.DropIndex(
                name: "IX_LiteracySurveys_RegionCode_Year",
                table: "LiteracySurveys");

            migrationBuilder.DropIndex(
                name: "IX_LinkageTasks_AssignedByRegionCode",
                table: "LinkageTasks");

            migrationBuilder.DropIndex(
                name: "IX_LinkageTasks_RegionCode",
                table: "LinkageTasks");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorRollups_Covering",
                table: "IndicatorRollups");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorFacts_RegionCode_Kind_Day",
                table: "IndicatorFacts");

            migrationBuilder.DropIndex(
                name: "IX_HonourCalls_RegionCode_Year",
                table: "HonourCalls");

            migrationBuilder.DropIndex(
                name: "IX_Fairs_RegionCode",
                table: "Fairs");

            migrationBuilder.DropIndex(
                name: "IX_FairProjects_RegionCode",
                table: "FairProjects");

            migrationBuilder.DropIndex(
                name: "IX_FairProjects_Status_RegionCode",
                table: "FairProjects");

            migrationBuilder.DropIndex(
                name: "IX_Experts_RegionCode",
                table: "Experts");

            migrationBuilder.DropIndex(
                name: "IX_EventTallies_RegionCode_Day",
                table: "EventTallies");

            migrationBuilder.DropIndex(
                name: "IX_EStationUsages_RegionCode_Day",
                table: "EStationUsages");

            migrationBuilder.DropIndex(
                name: "IX_EStations_RegionCode",
                table: "EStations");

            migrationBuilder.DropIndex(
                name: "IX_Contests_RegionCode_Year",
                table: "Contests");

            migrationBuilder.DropIndex(
                name: "IX_ContestEntries_RegionCode",
                table: "ContestEntries");

            migrationBuilder.DropIndex(
                name: "IX_Associations_RegionCode",
                table: "Associations");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_RegionCode",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_ActivityParticipants_RegionCode",
                table: "ActivityParticipants");

            migrationBuilder.CreateIndex(
                name: "IX_Workstations_RegionCode_Kind",
                table: "Workstations",
                columns: new[] { "RegionCode", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerTeams_RegionCode_Kind",
                table: "VolunteerTeams",
                columns: new[] { "RegionCode", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Volunteers_RegionCode",
                table: "Volunteers",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_VenueVisits_RegionCode_Day",
                table: "VenueVisits",
                columns: new[] { "RegionCode", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_Venues_RegionCode_Kind",
                table: "Venues",
                columns: new[] { "RegionCode", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankTopics_CallRegionCode",
                table: "ThinkTankTopics",
                column: "CallRegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankTopics_RegionCode",
                table: "ThinkTankTopics",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankCalls_RegionCode",
                table: "ThinkTankCalls",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_TextMessageOutbox_RegionCode",
                table: "TextMessageOutbox",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_RegionCode_Year",
                table: "Surveys",
                columns: new[] { "RegionCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_Storefronts_RegionCode",
                table: "Storefronts",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_RegionCode_ServedOn",
                table: "ServiceTickets",
                columns: new[] { "RegionCode", "ServedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_RegionCode_Status",
                table: "ServiceRecords",
                columns: new[] { "RegionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceAgencies_RegionCode",
                table: "ServiceAgencies",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ScienceWorkers_RegionCode",
                table: "ScienceWorkers",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ScienceContents_RegionCode",
                table: "ScienceContents",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ScienceContents_Status_RegionCode",
                table: "ScienceContents",
                columns: new[] { "Status", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_ResponsePlans_RegionCode",
                table: "ResponsePlans",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_RegionCode_Status",
                table: "Proposals",
                columns: new[] { "RegionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PopularizationActivities_RegionCode_StartsOn",
                table: "PopularizationActivities",
                columns: new[] { "RegionCode", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_RegionCode",
                table: "Organizations",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationApplications_RegionCode_Status",
                table: "OrganizationApplications",
                columns: new[] { "RegionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_RegionCode",
                table: "Orders",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_OperationLog_RegionCode",
                table: "OperationLog",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_RegionCode",
                table: "Offers",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_Status_RegionCode",
                table: "Offers",
                columns: new[] { "Status", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_RegionCode",
                table: "Nominations",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_RegionCode",
                table: "Needs",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_Status_RegionCode",
                table: "Needs",
                columns: new[] { "Status", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_LoginLog_RegionCode",
                table: "LoginLog",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyTargets_RegionCode_Year",
                table: "LiteracyTargets",
                columns: new[] { "RegionCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LiteracySurveys_RegionCode_Year",
                table: "LiteracySurveys",
                columns: new[] { "RegionCode", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LinkageTasks_AssignedByRegionCode",
                table: "LinkageTasks",
                column: "AssignedByRegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_LinkageTasks_RegionCode",
                table: "LinkageTasks",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorRollups_Covering",
                table: "IndicatorRollups",
                columns: new[] { "Grain", "Level", "RegionCode", "Day", "Kind", "Count", "AmountFen" },
                filter: "\"Grain\" >= 2");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorFacts_RegionCode_Kind_Day",
                table: "IndicatorFacts",
                columns: new[] { "RegionCode", "Kind", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_HonourCalls_RegionCode_Year",
                table: "HonourCalls",
                columns: new[] { "RegionCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_Fairs_RegionCode",
                table: "Fairs",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_FairProjects_RegionCode",
                table: "FairProjects",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_FairProjects_Status_RegionCode",
                table: "FairProjects",
                columns: new[] { "Status", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Experts_RegionCode",
                table: "Experts",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_EventTallies_RegionCode_Day",
                table: "EventTallies",
                columns: new[] { "RegionCode", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_EStationUsages_RegionCode_Day",
                table: "EStationUsages",
                columns: new[] { "RegionCode", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_EStations_RegionCode",
                table: "EStations",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Contests_RegionCode_Year",
                table: "Contests",
                columns: new[] { "RegionCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_ContestEntries_RegionCode",
                table: "ContestEntries",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Associations_RegionCode",
                table: "Associations",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_RegionCode",
                table: "AspNetUsers",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityParticipants_RegionCode",
                table: "ActivityParticipants",
                column: "RegionCode");
        }
    }
}
