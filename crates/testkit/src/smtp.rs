//! A local SMTP sink for tests: accepts every message and keeps it in memory.
//!
//! Speaks just enough plain SMTP (no TLS, no AUTH) for `lettre`'s async client.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

const WAIT_TIMEOUT: Duration = Duration::from_secs(5);

/// One message as received: envelope sender, envelope recipients and the DATA content
/// (dot-stuffing undone, CRLF line endings kept, final `.` line excluded).
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

type Store = Arc<Mutex<Vec<ReceivedMail>>>;

/// SMTP server on 127.0.0.1 that records messages; stops accepting connections when dropped.
pub struct SmtpSink {
    port: u16,
    messages: Store,
    accept_task: JoinHandle<()>,
}

impl SmtpSink {
    /// Binds 127.0.0.1 on a free port and serves in a tokio task of the current runtime.
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("SMTP sink: cannot bind 127.0.0.1");
        let port = listener
            .local_addr()
            .expect("SMTP sink: local address")
            .port();
        let messages = Store::default();
        let store = messages.clone();
        let accept_task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                // Errors only mean the client went away; nothing to report.
                tokio::spawn(async move {
                    let _ = serve(stream, store).await;
                });
            }
        });
        SmtpSink {
            port,
            messages,
            accept_task,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Messages received so far, oldest first.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        lock(&self.messages).clone()
    }

    /// Waits (up to 5 s) until at least `count` messages have arrived and returns them all.
    /// Panics on timeout, listing what did arrive, which reads better than a failed index.
    pub async fn wait_for(&self, count: usize) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + WAIT_TIMEOUT;
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            if tokio::time::Instant::now() >= deadline {
                panic!(
                    "SMTP sink: expected {count} message(s) within {} s, got {}: {messages:#?}",
                    WAIT_TIMEOUT.as_secs(),
                    messages.len()
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.accept_task.abort();
    }
}

/// A panicking test thread must not hide the mails from the others.
fn lock(store: &Store) -> MutexGuard<'_, Vec<ReceivedMail>> {
    store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn serve(stream: TcpStream, store: Store) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    writer
        .write_all(b"220 essaim-testkit ESMTP sink ready\r\n")
        .await?;

    let mut from: Option<String> = None;
    let mut to: Vec<String> = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        let (verb, arg) = text.split_once(' ').unwrap_or((text, ""));
        let reply = match verb.to_ascii_uppercase().as_str() {
            "EHLO" => {
                (from, to) = (None, Vec::new());
                // Deliberately no STARTTLS and no AUTH, so clients stay in plain mode.
                format!(
                    "250-essaim-testkit greets {}\r\n\
                     250-8BITMIME\r\n\
                     250-SMTPUTF8\r\n\
                     250 SIZE 52428800",
                    arg.trim()
                )
            }
            "HELO" => {
                (from, to) = (None, Vec::new());
                "250 essaim-testkit".to_owned()
            }
            "MAIL" => match parse_path(arg, "FROM:") {
                Some(address) => {
                    (from, to) = (Some(address), Vec::new());
                    "250 2.1.0 OK".to_owned()
                }
                None => "501 5.5.4 Syntax: MAIL FROM:<address>".to_owned(),
            },
            "RCPT" if from.is_none() => "503 5.5.1 MAIL first".to_owned(),
            "RCPT" => match parse_path(arg, "TO:") {
                Some(address) => {
                    to.push(address);
                    "250 2.1.5 OK".to_owned()
                }
                None => "501 5.5.4 Syntax: RCPT TO:<address>".to_owned(),
            },
            "DATA" if from.is_none() || to.is_empty() => "503 5.5.1 MAIL and RCPT first".to_owned(),
            "DATA" => {
                writer
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let Some(data) = read_data(&mut reader).await? else {
                    return Ok(());
                };
                let mail = ReceivedMail {
                    from: from.take().unwrap_or_default(),
                    to: std::mem::take(&mut to),
                    data,
                };
                lock(&store).push(mail);
                "250 2.0.0 OK queued".to_owned()
            }
            "RSET" => {
                (from, to) = (None, Vec::new());
                "250 2.0.0 OK".to_owned()
            }
            "NOOP" => "250 2.0.0 OK".to_owned(),
            "QUIT" => {
                writer.write_all(b"221 2.0.0 Bye\r\n").await?;
                return Ok(());
            }
            _ => "502 5.5.2 Command not recognized".to_owned(),
        };
        writer.write_all(reply.as_bytes()).await?;
        writer.write_all(b"\r\n").await?;
    }
}

/// Reads DATA content up to the lone `.` line, undoing dot-stuffing; None if the client left.
async fn read_data<R: AsyncBufReadExt + Unpin>(reader: &mut R) -> std::io::Result<Option<String>> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(None);
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(Some(String::from_utf8_lossy(&data).into_owned()));
        }
        let unstuffed = line.strip_prefix(b".").unwrap_or(&line);
        data.extend_from_slice(unstuffed);
    }
}

/// Extracts the address of `FROM:<a@b> PARAMS` / `TO:<a@b>`; `<>` (null sender) gives "".
fn parse_path(arg: &str, keyword: &str) -> Option<String> {
    let head = arg.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = arg[keyword.len()..].trim_start();
    if let Some(inner) = rest.strip_prefix('<') {
        return inner.split_once('>').map(|(address, _)| address.to_owned());
    }
    // Lenient about clients that omit the angle brackets.
    rest.split_whitespace().next().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;
    use tokio::net::tcp::OwnedReadHalf;

    /// Reads one (possibly multi-line) reply and returns all its lines.
    async fn reply(reader: &mut BufReader<OwnedReadHalf>) -> Vec<String> {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            assert!(
                reader.read_line(&mut line).await.unwrap() > 0,
                "server closed early"
            );
            let line = line.trim_end().to_owned();
            let last = line.as_bytes().get(3) != Some(&b'-');
            lines.push(line);
            if last {
                return lines;
            }
        }
    }

    async fn expect(
        reader: &mut BufReader<OwnedReadHalf>,
        writer: &mut tokio::net::tcp::OwnedWriteHalf,
        command: &str,
        code: &str,
    ) -> Vec<String> {
        writer.write_all(command.as_bytes()).await.unwrap();
        let lines = reply(reader).await;
        assert!(
            lines.last().unwrap().starts_with(code),
            "{command:?} -> {lines:?}"
        );
        lines
    }

    #[tokio::test]
    async fn receives_a_mail() {
        let sink = SmtpSink::start().await;
        let stream = TcpStream::connect(("127.0.0.1", sink.port()))
            .await
            .unwrap();
        let (read, mut w) = stream.into_split();
        let mut r = BufReader::new(read);

        assert!(reply(&mut r).await[0].starts_with("220"));
        let ehlo = expect(&mut r, &mut w, "EHLO client.test\r\n", "250 ").await;
        assert!(ehlo.len() >= 2, "{ehlo:?}");
        assert!(
            !ehlo
                .iter()
                .any(|l| l.contains("STARTTLS") || l.contains("AUTH")),
            "{ehlo:?}"
        );
        expect(&mut r, &mut w, "NOOP\r\n", "250").await;
        expect(&mut r, &mut w, "VRFY someone\r\n", "502").await;
        expect(&mut r, &mut w, "RCPT TO:<early@example.test>\r\n", "503").await;
        expect(&mut r, &mut w, "DATA\r\n", "503").await;
        // A reset transaction must not leak into the next one.
        expect(
            &mut r,
            &mut w,
            "MAIL FROM:<discarded@example.test>\r\n",
            "250",
        )
        .await;
        expect(&mut r, &mut w, "RSET\r\n", "250").await;
        expect(
            &mut r,
            &mut w,
            "MAIL FROM:<alice@example.test> BODY=8BITMIME\r\n",
            "250",
        )
        .await;
        expect(&mut r, &mut w, "RCPT TO:<bob@example.test>\r\n", "250").await;
        expect(&mut r, &mut w, "rcpt to: <carol@example.test>\r\n", "250").await;
        expect(&mut r, &mut w, "DATA\r\n", "354").await;
        let body = "Subject: Hello\r\n\r\nFirst line\r\n..starts with a dot\r\n.\r\n";
        expect(&mut r, &mut w, body, "250").await;
        expect(&mut r, &mut w, "QUIT\r\n", "221").await;
        let mut rest = Vec::new();
        r.read_to_end(&mut rest).await.unwrap();
        assert!(rest.is_empty(), "connection closed after QUIT");

        let mails = sink.wait_for(1).await;
        assert_eq!(mails.len(), 1);
        let mail = &mails[0];
        assert_eq!(mail.from, "alice@example.test");
        assert_eq!(mail.to, ["bob@example.test", "carol@example.test"]);
        assert_eq!(
            mail.data,
            "Subject: Hello\r\n\r\nFirst line\r\n.starts with a dot\r\n"
        );
        assert_eq!(sink.messages().len(), 1);
    }

    #[tokio::test]
    async fn helo_and_null_sender() {
        let sink = SmtpSink::start().await;
        let stream = TcpStream::connect(("127.0.0.1", sink.port()))
            .await
            .unwrap();
        let (read, mut w) = stream.into_split();
        let mut r = BufReader::new(read);
        reply(&mut r).await;
        expect(&mut r, &mut w, "HELO client.test\r\n", "250").await;
        expect(&mut r, &mut w, "MAIL FROM:<>\r\n", "250").await;
        expect(
            &mut r,
            &mut w,
            "RCPT TO:<postmaster@example.test>\r\n",
            "250",
        )
        .await;
        expect(&mut r, &mut w, "DATA\r\n", "354").await;
        expect(&mut r, &mut w, "bounce\r\n.\r\n", "250").await;
        drop(w);

        let mails = sink.wait_for(1).await;
        assert_eq!(mails[0].from, "");
        assert_eq!(mails[0].data, "bounce\r\n");
    }

    #[tokio::test]
    #[should_panic(expected = "expected 1 message(s)")]
    async fn wait_for_times_out() {
        let sink = SmtpSink::start().await;
        sink.wait_for(1).await;
    }
}
