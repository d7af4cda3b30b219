namespace KVaccine.Modules.Dashboard.Pages;

/// <summary>The words of the operators' pages; <c>DashboardText.ko.resx</c> says them in Korean, the English is the key.</summary>
internal sealed class DashboardText;
