using Kexie.Matching;
using Kexie.Matching.Classification;

namespace Kexie.Web.Features.Matching;

/// <summary>
/// Given to the <see cref="MatchIndex"/> at construction; predicts nothing until the classifier trained in the
/// background is handed over, then delegates to it. So the index serves from the first second, without the
/// predicted-discipline signal until the model is ready.
/// </summary>
public sealed class DeferredDisciplinePredictor : IDisciplinePredictor
{
    private volatile DisciplineClassifier? classifier;

    public DisciplineClassifier? Classifier => classifier;

    public void Set(DisciplineClassifier value) => classifier = value;

    public IReadOnlyList<CodeSuggestion> Predict(IReadOnlyList<string> tokens, int top) =>
        classifier?.Predict(tokens, top) ?? [];
}
