using FluentValidation;
using KVaccine.BuildingBlocks.Web;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KVaccine.Pages;

/// <summary>
/// How a page calls a module's use case: in-process through MediatR, as its REST route does, so the same validation
/// and rules answer. A refusal lands in the page's ModelState, beside the field it names or at the top, in the
/// page's language where the module's page resources translate the use case's words (<see cref="Translation"/>).
/// </summary>
public static class UseCases
{
    /// <summary>The use case's answer, or default when its validation refused the request (the fields' messages are in ModelState).</summary>
    public static async Task<TResult?> SendAsync<TResult>(this PageModel page, IMediator mediator, IRequest<TResult> request, IStringLocalizer text, CancellationToken ct)
    {
        try
        {
            return await mediator.Send(request, ct);
        }
        catch (ValidationException invalid)
        {
            foreach (var failure in invalid.Errors) page.ModelState.AddModelError(failure.PropertyName, text.Say(failure.ErrorMessage));
            return default;
        }
    }

    /// <summary>
    /// The value of a success (200, 201, 202) with its status, or null after putting the refusal into ModelState:
    /// a validation problem's fields beside them, any other problem at the top.
    /// </summary>
    public static (T? Value, int Status) Answer<T>(this PageModel page, IResult? result, IStringLocalizer text) where T : class
    {
        while (result is INestedHttpResult nested) result = nested.Result;
        switch (result)
        {
            case IValueHttpResult<T> { Value: { } value } success:
                return (value, (success as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
            case ValidationProblem validation:
                foreach (var (field, messages) in validation.ProblemDetails.Errors)
                    foreach (var message in messages) page.ModelState.AddModelError(field, text.Say(message));
                return (null, StatusCodes.Status400BadRequest);
            case ProblemHttpResult problem:
                return (null, page.Refused(problem.ProblemDetails, text));
            case ProblemAnswer answer:
                return (null, page.Refused(answer.Problem, text));
            case null:
                return (null, StatusCodes.Status400BadRequest);
            default:
                throw new InvalidOperationException($"A page cannot show {result.GetType().Name}.");
        }
    }

    /// <summary>Puts a problem at the top of the page: its title and what to do.</summary>
    public static int Refused(this PageModel page, ProblemDetails problem, IStringLocalizer text)
    {
        page.ModelState.AddModelError(string.Empty, string.Join(" ", new[] { problem.Title, problem.Detail }.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => text.Say(t!))));
        return problem.Status ?? StatusCodes.Status400BadRequest;
    }
}
