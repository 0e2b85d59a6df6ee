package dev.orderstream.common;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Cells of the CSV files Orderstream writes (the order export, the analytics figures): RFC 4180
 * quoting, and no cell a spreadsheet would run as a formula.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** Minor units, then the same amount as a decimal in the currency's own digits (4900 EUR: 4900,49.00). */
    public static StringBuilder money(StringBuilder row, Money money) {
        int digits = Math.max(Currency.getInstance(money.currency()).getDefaultFractionDigits(), 0);
        return row.append(money.amount()).append(',').append(BigDecimal.valueOf(money.amount(), digits).toPlainString());
    }

    /** A text cell: neutralized if a spreadsheet would read it as a formula, quoted where RFC 4180 says. */
    public static StringBuilder text(StringBuilder row, String value) {
        if (value == null || value.isEmpty()) {
            return row;
        }
        String cell = isFormula(value) ? "'" + value : value;
        boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0;
        return quote ? row.append('"').append(cell.replace("\"", "\"\"")).append('"') : row.append(cell);
    }

    private static boolean isFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
