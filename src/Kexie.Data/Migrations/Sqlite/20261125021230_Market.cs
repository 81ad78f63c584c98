using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Market : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Fairs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    AssociationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Fairs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Needs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IndustryCodes = table.Column<string>(type: "TEXT", nullable: false),
                    DisciplineCodes = table.Column<string>(type: "TEXT", nullable: false),
                    BudgetMin = table.Column<long>(type: "INTEGER", nullable: true),
                    BudgetMax = table.Column<long>(type: "INTEGER", nullable: true),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponsePlanId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Needs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Needs_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Offers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ProviderWorkerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    StorefrontId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisciplineCodes = table.Column<string>(type: "TEXT", nullable: false),
                    IndustryCodes = table.Column<string>(type: "TEXT", nullable: false),
                    PriceMode = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceMin = table.Column<long>(type: "INTEGER", nullable: true),
                    PriceMax = table.Column<long>(type: "INTEGER", nullable: true),
                    PriceUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    MaturityStage = table.Column<int>(type: "INTEGER", nullable: true),
                    PatentNumbers = table.Column<string>(type: "TEXT", nullable: false),
                    TransferModes = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Offers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Offers_ScienceWorkers_ProviderWorkerId",
                        column: x => x.ProviderWorkerId,
                        principalTable: "ScienceWorkers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BuyerOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProviderWorkerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OfferKind = table.Column<int>(type: "INTEGER", nullable: true),
                    NeedId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FairId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InitiatedBy = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ContractAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    ContractFileRef = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AgreedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveryStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SettledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DisputeReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StatusBeforeDispute = table.Column<int>(type: "INTEGER", nullable: true),
                    BuyerRating_Stars = table.Column<int>(type: "INTEGER", nullable: true),
                    BuyerRating_Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    BuyerRating_ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    BuyerRating_At = table.Column<long>(type: "INTEGER", nullable: true),
                    ProviderRating_Stars = table.Column<int>(type: "INTEGER", nullable: true),
                    ProviderRating_Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ProviderRating_ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ProviderRating_At = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceTickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StaffName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetWorkerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TargetOrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TargetText = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ServedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ParticipantCount = table.Column<int>(type: "INTEGER", nullable: true),
                    NeedId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceTickets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Storefronts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerWorkerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    TeamName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Introduction = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    MemberWorkerIds = table.Column<string>(type: "TEXT", nullable: false),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Storefronts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FairProjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FairId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FairRegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ScienceWorkerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisciplineCodes = table.Column<string>(type: "TEXT", nullable: false),
                    IndustryCodes = table.Column<string>(type: "TEXT", nullable: false),
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NeedId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FairProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FairProjects_Fairs_FairId",
                        column: x => x.FairId,
                        principalTable: "Fairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NeedAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeedAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NeedAttachments_Needs_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NeedReviewRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ActorRole = table.Column<int>(type: "INTEGER", nullable: true),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeedReviewRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NeedReviewRecords_Needs_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResponsePlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NeedId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    HandlerUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    HandlerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ResponseDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstRespondedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CloseReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DealOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponsePlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResponsePlans_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OfferAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfferAttachments_Offers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OfferReviewRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ActorRole = table.Column<int>(type: "INTEGER", nullable: true),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferReviewRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfferReviewRecords_Offers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrderEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Party = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: true),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderEvents_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FairProjectAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FairProjectAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FairProjectAttachments_FairProjects_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "FairProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FairProjectReviewRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ActorRole = table.Column<int>(type: "INTEGER", nullable: true),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FairProjectReviewRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FairProjectReviewRecords_FairProjects_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "FairProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanCandidates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProposedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanCandidates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanCandidates_ResponsePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ResponsePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LoggedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ContactedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ScienceWorkerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanContacts_ResponsePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ResponsePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanHandlerAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    FromUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ToUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ToName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanHandlerAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanHandlerAssignments_ResponsePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ResponsePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanStatusChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanStatusChanges_ResponsePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ResponsePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FairProjectAttachments_OwnerId",
                table: "FairProjectAttachments",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_FairProjectReviewRecords_OwnerId",
                table: "FairProjectReviewRecords",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_FairProjects_FairId_Status_Category",
                table: "FairProjects",
                columns: new[] { "FairId", "Status", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_FairProjects_PublishedAt",
                table: "FairProjects",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FairProjects_RegionCode",
                table: "FairProjects",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_FairProjects_Status_RegionCode",
                table: "FairProjects",
                columns: new[] { "Status", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Fairs_RegionCode",
                table: "Fairs",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_NeedAttachments_OwnerId",
                table: "NeedAttachments",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_NeedReviewRecords_OwnerId",
                table: "NeedReviewRecords",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_OrganizationId",
                table: "Needs",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_PublishedAt",
                table: "Needs",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_RegionCode",
                table: "Needs",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_Status_RegionCode",
                table: "Needs",
                columns: new[] { "Status", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_OfferAttachments_OwnerId",
                table: "OfferAttachments",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_OfferReviewRecords_OwnerId",
                table: "OfferReviewRecords",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_Kind",
                table: "Offers",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_ProviderWorkerId",
                table: "Offers",
                column: "ProviderWorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_PublishedAt",
                table: "Offers",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_RegionCode",
                table: "Offers",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_Status_RegionCode",
                table: "Offers",
                columns: new[] { "Status", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderEvents_OrderId",
                table: "OrderEvents",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_AgreedAt",
                table: "Orders",
                column: "AgreedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_BuyerOrganizationId",
                table: "Orders",
                column: "BuyerOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_FairId",
                table: "Orders",
                column: "FairId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_NeedId",
                table: "Orders",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_OfferId",
                table: "Orders",
                column: "OfferId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ProviderWorkerId",
                table: "Orders",
                column: "ProviderWorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_RegionCode",
                table: "Orders",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status",
                table: "Orders",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PlanCandidates_PlanId",
                table: "PlanCandidates",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanCandidates_TargetId",
                table: "PlanCandidates",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanContacts_PlanId",
                table: "PlanContacts",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanHandlerAssignments_PlanId",
                table: "PlanHandlerAssignments",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanStatusChanges_PlanId",
                table: "PlanStatusChanges",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_ResponsePlans_HandlerUserId",
                table: "ResponsePlans",
                column: "HandlerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ResponsePlans_NeedId",
                table: "ResponsePlans",
                column: "NeedId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResponsePlans_RegionCode",
                table: "ResponsePlans",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ResponsePlans_Status_ResponseDueAt",
                table: "ResponsePlans",
                columns: new[] { "Status", "ResponseDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_RegionCode_ServedOn",
                table: "ServiceTickets",
                columns: new[] { "RegionCode", "ServedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTickets_StaffUserId",
                table: "ServiceTickets",
                column: "StaffUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Storefronts_OwnerWorkerId",
                table: "Storefronts",
                column: "OwnerWorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_Storefronts_RegionCode",
                table: "Storefronts",
                column: "RegionCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FairProjectAttachments");

            migrationBuilder.DropTable(
                name: "FairProjectReviewRecords");

            migrationBuilder.DropTable(
                name: "NeedAttachments");

            migrationBuilder.DropTable(
                name: "NeedReviewRecords");

            migrationBuilder.DropTable(
                name: "OfferAttachments");

            migrationBuilder.DropTable(
                name: "OfferReviewRecords");

            migrationBuilder.DropTable(
                name: "OrderEvents");

            migrationBuilder.DropTable(
                name: "PlanCandidates");

            migrationBuilder.DropTable(
                name: "PlanContacts");

            migrationBuilder.DropTable(
                name: "PlanHandlerAssignments");

            migrationBuilder.DropTable(
                name: "PlanStatusChanges");

            migrationBuilder.DropTable(
                name: "ServiceTickets");

            migrationBuilder.DropTable(
                name: "Storefronts");

            migrationBuilder.DropTable(
                name: "FairProjects");

            migrationBuilder.DropTable(
                name: "Offers");

            migrationBuilder.DropTable(
                name: "Orders");

            migrationBuilder.DropTable(
                name: "ResponsePlans");

            migrationBuilder.DropTable(
                name: "Fairs");

            migrationBuilder.DropTable(
                name: "Needs");
        }
    }
}
