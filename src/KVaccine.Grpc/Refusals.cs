using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KVaccine.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using BadRequest = Google.Rpc.BadRequest;
using Status = Google.Rpc.Status;

namespace KVaccine.Grpc;

/// <summary>
/// The one map from a use case's answer to gRPC: the value of a success, or its ProblemDetails as a status with the
/// same words. A validation problem is INVALID_ARGUMENT with each field in a google.rpc.BadRequest, named as the
/// contract names it; a refusal that waiting can lift carries a google.rpc.RetryInfo.
/// </summary>
public static class Refusals
{
    /// <summary>The value of a success (200, 201, 202), or else throws the refusal as an <see cref="RpcException"/>.</summary>
    public static T ValueOf<T>(IResult result)
    {
        while (result is INestedHttpResult nested) result = nested.Result;
        return result switch
        {
            IValueHttpResult<T> { Value: { } value } => value,
            ValidationProblem invalid => throw Of(invalid.ProblemDetails, retryAfter: null),
            ProblemHttpResult problem => throw Of(problem.ProblemDetails, retryAfter: null),
            ProblemAnswer answer => throw Of(answer.Problem, answer.RetryAfter),
            _ => throw new InvalidOperationException($"The gRPC adapter cannot answer {result.GetType().Name}."),
        };
    }

    /// <summary>A ProblemDetails as the status a gRPC client gets.</summary>
    public static RpcException Of(ProblemDetails problem, TimeSpan? retryAfter)
    {
        var status = new Status
        {
            Code = (int)CodeOf(problem, retryAfter),
            Message = string.Join(" ", new[] { problem.Title, problem.Detail }.Where(t => !string.IsNullOrWhiteSpace(t))),
        };
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } invalid)
        {
            var fields = new BadRequest();
            foreach (var (field, messages) in invalid.Errors)
                foreach (var message in messages)
                    fields.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = FieldOf(field), Description = message });
            status.Details.Add(Any.Pack(fields));
            if (string.IsNullOrEmpty(status.Message))
                status.Message = string.Join(" ", fields.FieldViolations.Select(v => $"{v.Field}: {v.Description}"));
        }
        if (retryAfter is { } wait)
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(wait) }));
        return status.ToRpcException();
    }

    /// <summary>A ProblemDetails with the wait the response's <c>Retry-After</c> says (set by the shared exception map).</summary>
    public static RpcException Of(ProblemDetails problem, Microsoft.AspNetCore.Http.HttpResponse response) =>
        Of(problem, retryAfter: int.TryParse(response.Headers.RetryAfter.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds) : null);

    private static StatusCode CodeOf(ProblemDetails problem, TimeSpan? retryAfter) => problem.Status switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status422UnprocessableEntity => StatusCode.InvalidArgument,
        StatusCodes.Status401Unauthorized => StatusCode.Unauthenticated,
        StatusCodes.Status403Forbidden => StatusCode.PermissionDenied,
        StatusCodes.Status404NotFound => StatusCode.NotFound,
        // A refusal of the state things are in; with a wait, a concurrent request for the same citizen still running.
        StatusCodes.Status409Conflict => retryAfter is null ? StatusCode.FailedPrecondition : StatusCode.Aborted,
        StatusCodes.Status429TooManyRequests => StatusCode.ResourceExhausted,
        StatusCodes.Status503ServiceUnavailable => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };

    /// <summary>
    /// A REST field (<c>reserveDate</c>, <c>userRegNumber</c>) as the contract names it (<c>reserve_date</c>,
    /// <c>citizen.user_reg_number</c>): the citizen's two fields are in its <c>Citizen</c> message.
    /// </summary>
    public static string FieldOf(string field)
    {
        var snake = string.Concat(field.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
        return snake is "user_name" or "user_reg_number" ? $"citizen.{snake}" : snake;
    }
}
