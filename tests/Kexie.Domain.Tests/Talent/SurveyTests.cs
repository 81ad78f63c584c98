using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Talent;

namespace Kexie.Domain.Tests.Talent;

public class SurveyTests
{
    private static readonly Actor DaYing = new("u1", "daying", UserRole.AssociationAdmin, "510923", DisplayName: "大英县科协");
    private static readonly Actor SheHongStaff = new("u2", "staff", UserRole.ServiceCenterStaff, "510981");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);

    private static Survey Open(SurveyDistribution distribution = SurveyDistribution.Anonymous, int? minSeconds = null)
    {
        var survey = Survey.Create(new SurveyData("全县科技工作者状况调查", 2025, "510923", distribution, 3000, null, minSeconds), Survey.ScienceWorkerTemplate, DaYing);
        survey.Open(DaYing);
        return survey;
    }

    private static Dictionary<int, IReadOnlyList<string>> Filled(string takesPart = "否", params string[] activities) => new()
    {
        [1] = ["女"], [2] = ["51—60岁"], [3] = ["硕士研究生"], [4] = ["副高级"], [5] = ["中共党员"], [6] = ["卫生健康"], [7] = ["医疗卫生机构"], [8] = ["5"],
        [9] = ["权益保障"], [10] = [takesPart], [11] = activities, [12] = ["  多开展继续教育  "],
    };

    [Fact]
    public void The_template_is_a_valid_survey_whose_structure_answers_are_copied_out()
    {
        var survey = Open();
        Assert.Equal(12, survey.Questions.Count);
        var response = survey.Answer(Filled(), "browser", duplicate: false, 90, null, Now);
        Assert.True(response.Valid);
        Assert.Equal(("51—60岁", "副高级", "硕士研究生", "中共党员", "卫生健康"), (response.AgeBand, response.Title, response.Education, response.Political, response.Field));
        Assert.Equal("多开展继续教育", response.Suggestion);
        Assert.Equal(SurveyResponse.Hash(survey.Id, "browser"), response.RespondentKey);
    }

    [Fact]
    public void Skip_logic_drops_answers_to_hidden_questions_and_requires_shown_ones()
    {
        var survey = Open();
        Assert.Equal(string.Empty, survey.Answer(Filled("否", "学术交流"), null, false, null, null, Now).Answers[10]);
        Assert.Equal("学术交流\n科技下乡", survey.Answer(Filled("是", "学术交流", "科技下乡"), null, false, null, null, Now).Answers[10]);
        Assert.Equal("q11", Assert.Throws<DomainValidationException>(() => survey.Answer(Filled("是"), null, false, null, null, Now)).Field);
    }

    [Fact]
    public void Duplicates_and_hasty_answers_are_returned_but_not_valid()
    {
        var survey = Open(minSeconds: 60);
        Assert.Equal("重复提交", survey.Answer(Filled(), "k", duplicate: true, 100, null, Now).InvalidReason);
        var hasty = survey.Answer(Filled(), "k2", duplicate: false, 20, null, Now);
        Assert.False(hasty.Valid);
        Assert.Equal("答题用时过短", hasty.InvalidReason);
    }

    [Fact]
    public void Questions_are_checked_and_fixed_once_sent_out()
    {
        var data = new SurveyData("调查", 2025, "510923", SurveyDistribution.Anonymous);
        Assert.Throws<NotPermittedException>(() => Survey.Create(data, [], SheHongStaff));
        Assert.Equal("questions[0].options", Assert.Throws<DomainValidationException>(() => Survey.Create(data, [new("单选", SurveyQuestionKind.Single, ["只有一项"])], DaYing)).Field);
        Assert.Equal("questions[1].showIfOption", Assert.Throws<DomainValidationException>(() => Survey.Create(data,
            [new("是否", SurveyQuestionKind.Single, ["是", "否"]), new("为什么", SurveyQuestionKind.Text, ShowIfNumber: 1, ShowIfOption: "也许")], DaYing)).Field);
        Assert.Equal("questions[1].profile", Assert.Throws<DomainValidationException>(() => Survey.Create(data,
            [new("职称", SurveyQuestionKind.Single, ["中级", "高级"], Profile: SurveyProfile.Title), new("职称2", SurveyQuestionKind.Single, ["中级", "高级"], Profile: SurveyProfile.Title)], DaYing)).Field);

        var draft = Survey.Create(data, [], DaYing);
        Assert.Throws<DomainValidationException>(() => draft.Open(DaYing));
        draft.ReplaceQuestions([new("满意度", SurveyQuestionKind.Scale, Required: true)], DaYing);
        draft.Open(DaYing);
        Assert.Throws<InvalidTransitionException>(() => draft.ReplaceQuestions([], DaYing));
        Assert.Equal("q1", Assert.Throws<DomainValidationException>(() => draft.Answer(new Dictionary<int, IReadOnlyList<string>> { [1] = ["6"] }, null, false, null, null, Now)).Field);
        draft.Close(DaYing);
        Assert.Throws<InvalidTransitionException>(() => draft.Answer(new Dictionary<int, IReadOnlyList<string>> { [1] = ["3"] }, null, false, null, null, Now));
    }

    [Theory]
    [InlineData(512, "500余条")]
    [InlineData(500, "500条")]
    [InlineData(87, "87条")]
    public void Reports_round_large_counts(int count, string expected) => Assert.Equal(expected, SurveyNames.About(count, "条"));
}
