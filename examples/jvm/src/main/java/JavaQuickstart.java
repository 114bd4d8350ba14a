// feedrail from Java, against the embedded sandbox: blocking calls and CompletableFutures.
//
// Against Codat itself: new JavaClient(new ClientOptions(System.getenv("FEEDRAIL_API_KEY"))).
import dev.feedrail.FeedrailException;
import dev.feedrail.JavaClient;
import dev.feedrail.Sandbox;
import dev.feedrail.types.ClientOptions;
import dev.feedrail.types.FeedOptions;
import dev.feedrail.types.FeedReport;
import dev.feedrail.types.SourceAccountInput;
import dev.feedrail.types.TransactionInput;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

public class JavaQuickstart {
    public static void main(String[] args) throws Exception {
        try (Sandbox sandbox = Sandbox.start(null);
             JavaClient client = new JavaClient(new ClientOptions(sandbox.apiKey()).withBaseUrl(sandbox.url()))) {
            String company = client.createCompany("Toft Stores").getId();
            String connection = client.createConnection(company).getId();
            List<CompletableFuture<FeedReport>> feeds = new ArrayList<>();
            for (String account : List.of("current", "savings")) {
                client.createAccount(company, connection, new SourceAccountInput().withId(account)
                    .withAccountName(account).withAccountType("Debit").withAccountNumber("12345678")
                    .withSortCode("040004").withCurrency("GBP").withBalance(new BigDecimal("100.00")));
                sandbox.connectAccount(company, connection, account, null);
                // Accounts are pushed concurrently; each account's batches stay in order.
                feeds.add(client.pushFeedAsync(company, connection, account, lines(account, 12), new FeedOptions().withBatchSize(5L)));
            }
            for (CompletableFuture<FeedReport> feed : feeds) {
                FeedReport report = feed.get();
                System.out.printf("%s: %d landed in %d batches; balance %s%n",
                    report.getTarget().getAccountId(), report.getLanded(), report.getBatches().size(), report.getBalance());
            }
            try {
                client.getCompany("no-such-company");
            } catch (FeedrailException.NotFound e) {
                System.out.println("typed error: " + e.getDetails().getCode() + ", HTTP " + e.getDetails().getStatus());
            }
        }
    }

    static List<TransactionInput> lines(String account, int n) {
        List<TransactionInput> lines = new ArrayList<>();
        BigDecimal balance = new BigDecimal("100.00");
        for (int i = 0; i < n; i++) {
            BigDecimal amount = new BigDecimal(i % 2 == 0 ? "-12.40" : "30.00");
            balance = balance.add(amount);
            lines.add(new TransactionInput().withId(account + "-" + i)
                .withDate(LocalDateTime.of(2026, 3, 2, 9, 0).plusHours(i)).withDescription("Line " + i)
                .withAmount(amount).withBalance(balance).withTransactionType(amount.signum() < 0 ? "Debit" : "Credit"));
        }
        return lines;
    }
}
