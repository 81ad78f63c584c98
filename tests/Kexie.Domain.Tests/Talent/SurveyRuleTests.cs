using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Talent;

namespace Kexie.Domain.Tests.Talent;

/// <summary>Per-question validation rules (校验规则): each kind, its boundaries, the ID number's check digit, and where a rule may go.</summary>
public class SurveyRuleTests
{
    private static readonly Actor DaYing = new("u1", "daying", UserRole.AssociationAdmin, "510923", DisplayName: "大英县科协");
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);

    private static Survey OpenWith(params SurveyQuestionData[] questions)
    {
        var survey = Survey.Create(new SurveyData("规则测试问卷", 2026, "510923", SurveyDistribution.Anonymous), questions, DaYing);
        survey.Open(DaYing);
        return survey;
    }

    private static SurveyQuestionData TextQuestion(string text, SurveyRuleData rule, bool required = false) => new(text, SurveyQuestionKind.Text, Required: required, Rule: rule);

    /// <summary>Answers question 1 of a one-question survey with <paramref name="value"/>: the stored answer, or the refusal's message.</summary>
    private static string Answer(SurveyQuestionData question, params string[] value)
    {
        var survey = OpenWith(new SurveyQuestionData("您的性别", SurveyQuestionKind.Single, ["男", "女"]), question);
        try
        {
            return survey.Answer(new Dictionary<int, IReadOnlyList<string>> { [2] = value }, null, false, null, null, Now).Answers[1];
        }
        catch (DomainValidationException e)
        {
            Assert.Equal("q2", e.Field);
            return "refused: " + e.Message;
        }
    }

    [Theory]
    [InlineData("18", "18")]
    [InlineData("80", "80")]
    [InlineData("45", "45")]
    [InlineData("17", "refused: 第2题「年龄」须为18–80之间的整数")]
    [InlineData("81", "refused: 第2题「年龄」须为18–80之间的整数")]
    [InlineData("45.5", "refused: 第2题「年龄」须为18–80之间的整数")]
    [InlineData("四十", "refused: 第2题「年龄」须为18–80之间的整数")]
    [InlineData("1e2", "refused: 第2题「年龄」须为18–80之间的整数")]
    public void A_number_range_takes_integers_within_its_bounds_inclusive(string given, string expected) =>
        Assert.Equal(expected, Answer(TextQuestion("年龄", new(SurveyRuleKind.Number, 18, 80)), given));

    [Theory]
    [InlineData("3.14", "3.14")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("2", "2")]
    [InlineData("3.141", "refused: 第2题「亩产（吨）」须为-1–10之间的数（最多2位小数）")]
    [InlineData("10.01", "refused: 第2题「亩产（吨）」须为-1–10之间的数（最多2位小数）")]
    [InlineData("1,5", "refused: 第2题「亩产（吨）」须为-1–10之间的数（最多2位小数）")]
    public void A_decimal_number_takes_at_most_its_decimal_places(string given, string expected) =>
        Assert.Equal(expected, Answer(TextQuestion("亩产（吨）", new(SurveyRuleKind.Number, -1, 10, 2)), given));

    [Theory]
    [InlineData("13800138000", true)]
    [InlineData("19912345678", true)]
    [InlineData("12800138000", false)]
    [InlineData("1380013800", false)]
    [InlineData("138001380001", false)]
    [InlineData("+8613800138000", false)]
    [InlineData("1380013800a", false)]
    public void A_phone_is_a_mainland_mobile_number(string given, bool ok) =>
        Assert.Equal(ok ? given : "refused: 第2题「联系电话」须为11位手机号码", Answer(TextQuestion("联系电话", new(SurveyRuleKind.Phone)), given));

    [Theory]
    [InlineData("zhang.san@kexie.org.cn", true)]
    [InlineData("a@b.cn", true)]
    [InlineData("zhangsan", false)]
    [InlineData("a@b", false)]
    [InlineData("a b@c.cn", false)]
    [InlineData("a@@b.cn", false)]
    public void An_email_has_a_name_an_at_and_a_dotted_domain(string given, bool ok) =>
        Assert.Equal(ok ? given : "refused: 第2题「电子邮箱」须为有效的电子邮箱", Answer(TextQuestion("电子邮箱", new(SurveyRuleKind.Email)), given));

    [Fact]
    public void The_id_check_digit_follows_GB_11643()
    {
        // The standard's own example, 11010519491231002X, and numbers whose check digit is 0 and 1.
        Assert.Equal('X', SurveyRule.CheckDigit("11010519491231002"));
        Assert.True(SurveyRule.IsIdCard("11010519491231002X"));
        Assert.True(SurveyRule.IsIdCard("11010519491231002x"));
        Assert.Equal('0', SurveyRule.CheckDigit("51092319900101007"));
        Assert.Equal('1', SurveyRule.CheckDigit("51092319900101001"));
        Assert.Equal('9', SurveyRule.CheckDigit("51092319900101008"));
        Assert.True(SurveyRule.IsIdCard("510923199001010070"));
        Assert.True(SurveyRule.IsIdCard("510923199001010011"));
        Assert.False(SurveyRule.IsIdCard("510923199001010071")); // wrong check digit
        Assert.False(SurveyRule.IsIdCard("51092319900101001X"));
        Assert.False(SurveyRule.IsIdCard("110105194902300021")); // 2月30日
        Assert.False(SurveyRule.IsIdCard("11010519491231002"));  // 17 characters
        Assert.False(SurveyRule.IsIdCard("1101051949123100X2"));
    }

    [Fact]
    public void An_id_number_is_checked_and_stored_with_a_capital_X()
    {
        var question = TextQuestion("身份证号", new(SurveyRuleKind.IdCard));
        Assert.Equal("11010519491231002X", Answer(question, "11010519491231002x"));
        Assert.Equal("refused: 第2题「身份证号」须为有效的身份证号码（出生日期或末位校验码不正确）", Answer(question, "110105194912310021"));
        Assert.Equal("refused: 第2题「身份证号」须为18位居民身份证号码", Answer(question, "1101051949123100"));
    }

    [Theory]
    [InlineData(null, null, "1900", true)]
    [InlineData(null, null, "2026", true)]
    [InlineData(null, null, "2027", false)]
    [InlineData(null, null, "1899", false)]
    [InlineData(null, null, "85", false)]
    [InlineData(1950, 2008, "1950", true)]
    [InlineData(1950, 2008, "2008", true)]
    [InlineData(1950, 2008, "2009", false)]
    public void A_year_has_four_digits_from_1900_to_this_year_unless_bounded(int? from, int? to, string given, bool ok)
    {
        var expected = ok ? given : $"refused: 第2题「出生年份」须为{from ?? 1900}–{to ?? 2026}之间的年份";
        Assert.Equal(expected, Answer(TextQuestion("出生年份", new(SurveyRuleKind.Year, from, to)), given));
    }

    [Fact]
    public void A_length_counts_characters_within_its_bounds()
    {
        var question = TextQuestion("单位名称", new(SurveyRuleKind.Length, 2, 5));
        Assert.Equal("科协", Answer(question, "科协"));
        Assert.Equal("大英县科协", Answer(question, "大英县科协"));
        Assert.Equal("refused: 第2题「单位名称」须为2–5个字", Answer(question, "协"));
        Assert.Equal("refused: 第2题「单位名称」须为2–5个字", Answer(question, "遂宁市大英县科协"));
        Assert.Equal("refused: 第2题「简介」须至少10个字", Answer(TextQuestion("简介", new(SurveyRuleKind.Length, 10)), "太短了"));
    }

    [Fact]
    public void A_multiple_choice_takes_at_least_and_at_most_its_counts()
    {
        var question = new SurveyQuestionData("您关注的领域", SurveyQuestionKind.Multiple, ["农业", "工业", "医疗", "教育"], Rule: new(SurveyRuleKind.Choices, 2, 3));
        Assert.Equal("农业\n工业", Answer(question, "农业", "工业"));
        Assert.Equal("农业\n工业\n医疗", Answer(question, "农业", "工业", "医疗"));
        Assert.Equal("refused: 第2题「您关注的领域」须选2–3项", Answer(question, "农业"));
        Assert.Equal("refused: 第2题「您关注的领域」须选2–3项", Answer(question, "农业", "工业", "医疗", "教育"));
        // The same option twice counts once.
        Assert.Equal("refused: 第2题「您关注的领域」须选2–3项", Answer(question, "农业", "农业"));
    }

    [Fact]
    public void An_unanswered_optional_question_is_not_checked_and_a_required_one_is_missing_first()
    {
        Assert.Equal(string.Empty, Answer(TextQuestion("联系电话", new(SurveyRuleKind.Phone))));
        Assert.Equal(string.Empty, Answer(TextQuestion("联系电话", new(SurveyRuleKind.Phone)), "  "));
        Assert.Equal("refused: 第2题“联系电话”为必答题", Answer(TextQuestion("联系电话", new(SurveyRuleKind.Phone), required: true)));
    }

    [Fact]
    public void A_rule_goes_only_on_its_kind_of_question_with_sensible_bounds()
    {
        static string Refused(SurveyQuestionData q) =>
            Assert.Throws<DomainValidationException>(() => Survey.Create(new SurveyData("规则", 2026, "510923", SurveyDistribution.Anonymous), [q], DaYing)).Field;

        Assert.Equal("questions[0].rule.kind", Refused(new("性别", SurveyQuestionKind.Single, ["男", "女"], Rule: new(SurveyRuleKind.Phone))));
        Assert.Equal("questions[0].rule.kind", Refused(new("领域", SurveyQuestionKind.Multiple, ["农业", "工业"], Rule: new(SurveyRuleKind.Number))));
        Assert.Equal("questions[0].rule.kind", Refused(TextQuestion("电话", new(SurveyRuleKind.Choices, 1, 2))));
        Assert.Equal("questions[0].rule.kind", Refused(TextQuestion("电话", new((SurveyRuleKind)99))));
        Assert.Equal("questions[0].rule.min", Refused(TextQuestion("年龄", new(SurveyRuleKind.Number, 80, 18))));
        Assert.Equal("questions[0].rule.decimals", Refused(TextQuestion("年龄", new(SurveyRuleKind.Number, 0, 1, 7))));
        Assert.Equal("questions[0].rule.min", Refused(TextQuestion("年龄", new(SurveyRuleKind.Number, 0.5m, 10))));
        Assert.Equal("questions[0].rule.min", Refused(TextQuestion("年份", new(SurveyRuleKind.Year, 1800))));
        Assert.Equal("questions[0].rule.min", Refused(TextQuestion("简介", new(SurveyRuleKind.Length))));
        Assert.Equal("questions[0].rule.max", Refused(new("领域", SurveyQuestionKind.Multiple, ["农业", "工业"], Rule: new(SurveyRuleKind.Choices, Max: 3))));

        // 无 is no rule; a format takes no bounds; the rule reads back as it was given.
        var survey = Survey.Create(new SurveyData("规则", 2026, "510923", SurveyDistribution.Anonymous),
            [TextQuestion("备注", new(SurveyRuleKind.None)), TextQuestion("电话", new(SurveyRuleKind.Phone, 1, 2)), TextQuestion("年龄", new(SurveyRuleKind.Number, 18, 80))], DaYing);
        Assert.Null(survey.Questions[0].Rule);
        Assert.Equal(new SurveyRuleData(SurveyRuleKind.Phone), survey.Questions[1].ToData().Rule);
        Assert.Equal(new SurveyRuleData(SurveyRuleKind.Number, 18, 80, 0), survey.Questions[2].ToData().Rule);
    }

    [Fact]
    public void Rules_are_fixed_with_the_questions_once_sent_out_so_valid_answers_stay_valid()
    {
        var survey = OpenWith(TextQuestion("年龄", new(SurveyRuleKind.Number, 18, 80)));
        var response = survey.Answer(new Dictionary<int, IReadOnlyList<string>> { [1] = ["79"] }, null, false, null, null, Now);
        Assert.True(response.Valid);
        Assert.Throws<InvalidTransitionException>(() => survey.ReplaceQuestions([TextQuestion("年龄", new(SurveyRuleKind.Number, 18, 60))], DaYing));
        Assert.Equal(80m, survey.Questions[0].Rule!.Max);
    }

    [Fact]
    public void The_status_survey_template_caps_the_services_at_three_and_the_suggestion_at_500_characters()
    {
        var template = Survey.ScienceWorkerTemplate;
        Assert.Equal(new SurveyRuleData(SurveyRuleKind.Choices, Max: 3), template[8].Rule);
        Assert.Equal(new SurveyRuleData(SurveyRuleKind.Length, Max: 500), template[11].Rule);
        var survey = Survey.Create(new SurveyData("状况调查", 2026, "510923", SurveyDistribution.Anonymous), template, DaYing);
        Assert.Equal("至多选3项", survey.Questions[8].Rule!.Describe(2026));
    }
}
