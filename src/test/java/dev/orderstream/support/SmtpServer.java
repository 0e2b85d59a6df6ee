package dev.orderstream.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server for the notification tests (GreenMail), on a port of its own, which a test can
 * stop and start again to play an outage. Mail is read per recipient: each test mails its own.
 */
public final class SmtpServer {

    private final int port;
    private GreenMail server;

    public SmtpServer() {
        this.port = freePort();
    }

    public int port() {
        return port;
    }

    public synchronized SmtpServer start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** One received email, read into plain values. */
    public record Mail(String to, String subject, String html, String text, String messageId, String notification,
                       String listUnsubscribe, String contentLanguage) {
    }

    /** Every email received for {@code recipient}, in arrival order. */
    public synchronized List<Mail> to(String recipient) {
        List<Mail> mails = new ArrayList<>();
        if (server == null) {
            return mails;
        }
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
                if (to.equalsIgnoreCase(recipient)) {
                    mails.add(read(message, to));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    /** The types (the X-Orderstream-Notification header) of what {@code recipient} received, in order. */
    public List<String> typesTo(String recipient) {
        return to(recipient).stream().map(Mail::notification).toList();
    }

    private static Mail read(MimeMessage message, String to) throws MessagingException, IOException {
        String[] parts = new String[2];
        collect(message, parts);
        return new Mail(to, message.getSubject(), parts[0], parts[1], message.getMessageID(),
                header(message, "X-Orderstream-Notification"), header(message, "List-Unsubscribe"),
                header(message, "Content-Language"));
    }

    private static void collect(Part part, String[] htmlAndText) throws MessagingException, IOException {
        if (part.isMimeType("text/html")) {
            htmlAndText[0] = (String) part.getContent();
        } else if (part.isMimeType("text/plain")) {
            htmlAndText[1] = (String) part.getContent();
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), htmlAndText);
            }
        }
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null ? null : values[0];
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
