namespace KVaccine.Modules.Stock.Pages;

/// <summary>The words of the stock's page; <c>StockText.ko.resx</c> says them in Korean, the English is the key.</summary>
internal sealed class StockText;
