namespace KVaccine.Modules.User.Citizens;

/// <summary>A booking's status as the citizen sees it; the names are the original API's.</summary>
internal enum ReserveStatus
{
    PENDING,
    RESERVE,
    REJECT,
    CANCEL,
    INJECT,
}
