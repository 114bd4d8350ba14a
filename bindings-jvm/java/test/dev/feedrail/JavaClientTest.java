package dev.feedrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The Java facade: blocking calls from many threads, CompletableFutures, typed errors. */
class JavaClientTest {
    static final Sandbox SANDBOX = start();

    static Sandbox start() {
        try {
            return Sandbox.start(null);
        } catch (FeedrailException e) {
            throw new IllegalStateException(e);
        }
    }

    static JavaClient client() throws FeedrailException {
        return new JavaClient(new ClientOptions(SANDBOX.apiKey()).withBaseUrl(SANDBOX.url()));
    }

    static List<TransactionInput> feed(String prefix, int n) {
        List<TransactionInput> lines = new ArrayList<>();
        BigDecimal balance = new BigDecimal("50.00");
        for (int i = 0; i < n; i++) {
            balance = balance.add(new BigDecimal("2.50"));
            lines.add(new TransactionInput()
                .withId(prefix + i)
                .withDate(LocalDateTime.of(2025, 3, 1, 8, 0).plusMinutes(i))
                .withDescription("Salary " + i)
                .withAmount(new BigDecimal("2.50"))
                .withBalance(balance)
                .withTransactionType("Credit"));
        }
        return lines;
    }

    static String account(JavaClient client, String company, String connection, String id) throws FeedrailException {
        SourceAccountInput input = new SourceAccountInput().withId(id).withAccountName("Current " + id)
            .withAccountType("checking").withAccountNumber("999" + id).withSortCode("40-47-84")
            .withCurrency("GBP").withBalance(BigDecimal.ZERO);
        String account = client.createAccount(company, connection, input).getId();
        SANDBOX.connectAccount(company, connection, account, null);
        return account;
    }

    @Test
    void blockingCallsFromManyThreadsLandEveryLineInOrder() throws Exception {
        JavaClient client = client();
        String company = client.createCompany("Java threads").getId();
        String connection = client.createConnection(company).getId();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<String> accounts = new ArrayList<>();
        List<Future<FeedReport>> reports = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            String account = account(client, company, connection, "j" + a);
            accounts.add(account);
            List<TransactionInput> lines = feed(account + "-", 700);
            reports.add(pool.submit(() -> client.pushFeed(company, connection, account, lines, new FeedOptions().withToday("2026-01-01").withBatchSize(200L))));
        }
        for (Future<FeedReport> report : reports) assertEquals(700L, report.get().getLanded());
        pool.shutdown();
        for (String account : accounts) {
            List<String> want = feed(account + "-", 700).stream().map(TransactionInput::getId).toList();
            List<String> got = SANDBOX.ledger(company, connection, account).getTransactions().stream().map(t -> t.getId()).toList();
            assertEquals(want, got, account);
        }
    }

    @Test
    void futuresCompleteAndFailWithTheTypedError() throws Exception {
        JavaClient client = client();
        CompletableFuture<dev.feedrail.types.Company> company = client.createCompanyAsync("Java futures");
        assertTrue(company.get().getId().length() > 0);
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.getCompanyAsync("no-such-company").get());
        FeedrailException.NotFound notFound = assertInstanceOf(FeedrailException.NotFound.class, e.getCause());
        assertEquals("NOT_FOUND", notFound.getDetails().getCode());
        assertEquals(404L, notFound.getDetails().getStatus());
        FeedrailException blocking = assertThrows(FeedrailException.class, () -> client.getCompany("no-such-company"));
        assertTrue(blocking.getMessage().contains("no-such-company") || blocking.getMessage().contains("404"), blocking.getMessage());
    }

    @Test
    void validationFromJavaReportsEveryFinding() throws FeedrailException {
        List<TransactionInput> lines = new ArrayList<>(feed("v", 3));
        lines.set(1, lines.get(1).withDescription(null));
        dev.feedrail.types.ValidationReport report = FeedrailKt.validate(lines, new dev.feedrail.types.ValidateOptions().withToday("2026-01-01"));
        assertEquals(1, report.getErrors().size());
        assertEquals(1L, report.getErrors().get(0).getIndex());
        assertEquals("description", report.getErrors().get(0).getField());
        assertEquals(List.of(0L, 2L), report.getValidIndices());
    }
}
