using FluentValidation;
using FluentValidation.Validators;

namespace KVaccine.BuildingBlocks.Web;

/// <summary>
/// What a value must look like (its length, a regular expression, a format), as the OpenAPI document states it. The
/// check that carries it may refuse more: a real birth date, a day that exists.
/// </summary>
public sealed record Shape(int? MaxLength = null, string? Pattern = null, string? Format = null)
{
    /// <summary>A day written YYYY-MM-DD.</summary>
    public static readonly Shape Date = new(Pattern: @"^\d{4}-\d{2}-\d{2}$", Format: "date");

    /// <summary>A time of day written HH:mm.</summary>
    public static readonly Shape Time = new(Pattern: @"^\d{2}:\d{2}$");

    /// <summary>No control characters (char.IsControl: U+0000–U+001F, U+007F–U+009F).</summary>
    public static readonly Shape NoControlCharacters = new(Pattern: @"^[^\u0000-\u001F\u007F-\u009F]*$");
}

/// <summary>A validator the OpenAPI document can read: the shape it requires, and whether it refuses a missing value.</summary>
public interface IShapedValidator
{
    Shape Shape { get; }

    bool RefusesNull { get; }
}

/// <summary>
/// FluentValidation's <c>Must</c> with the shape the check requires, for checks its own validators cannot say, so that
/// the document reads the rule from the validator that enforces it.
/// </summary>
public sealed class ShapedValidator<T, TProperty>(Func<TProperty, bool> check, Shape shape) : PropertyValidator<T, TProperty>, IShapedValidator
{
    public Shape Shape => shape;

    public bool RefusesNull => !check(default!);

    public override string Name => "ShapedValidator";

    public override bool IsValid(ValidationContext<T> context, TProperty value) => check(value);

    protected override string GetDefaultMessageTemplate(string errorCode) => "The specified condition was not met for '{PropertyName}'.";
}

public static class ShapedRules
{
    /// <summary>Must, for a check whose shape the OpenAPI document states.</summary>
    public static IRuleBuilderOptions<T, TProperty> Must<T, TProperty>(this IRuleBuilder<T, TProperty> rule, Func<TProperty, bool> check, Shape shape) =>
        rule.SetValidator(new ShapedValidator<T, TProperty>(check, shape));
}
