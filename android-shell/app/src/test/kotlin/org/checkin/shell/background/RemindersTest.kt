// The core's reminders on the phone: alarms armed from the core's list,
// the notification posted when one fires (the core's title and body, its
// deep link on tap), alarms cancelled by stable id when the program changes
// the plan, exact versus inexact alarms, and request codes that never
// collide unseen.
@file:Suppress("DEPRECATION") // ShadowAlarmManager.ScheduledAlarm has no getter for its PendingIntent.

package org.checkin.shell.background

import android.app.AlarmManager
import android.app.NotificationManager
import android.content.Context
import android.content.Intent
import android.os.Build
import kotlinx.coroutines.runBlocking
import org.checkin.core.Notification
import org.checkin.core.NotificationKind
import org.checkin.shell.app.HostActivity
import org.checkin.shell.app.Shell
import org.checkin.shell.platform.ExactAlarms
import org.checkin.shell.platform.NotificationManagerNotices
import org.checkin.shell.platform.ReminderAlarms
import org.checkin.shell.platform.ReminderNotices
import org.checkin.shell.platform.FiredReminder
import org.checkin.shell.platform.AlarmManagerReminderAlarms
import org.checkin.shell.support.ReferenceServer
import org.checkin.shell.support.ShellFixture
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.robolectric.Shadows.shadowOf
import org.robolectric.shadows.ShadowAlarmManager
import java.io.File
import java.time.Instant

class RemindersTest : ShellFixture() {
    private val alarmManager get() = app.getSystemService(AlarmManager::class.java)!!
    private val notificationManager get() = app.getSystemService(NotificationManager::class.java)!!

    /** Every armed alarm's reminder id, from the intent the alarm will send. */
    private fun armedIds(): Map<String, ShadowAlarmManager.ScheduledAlarm> =
        shadowOf(alarmManager).scheduledAlarms.associateBy { shadowOf(it.operation).savedIntent.getStringExtra("id")!! }

    private suspend fun enrolledShell(server: ReferenceServer): Shell {
        val shell = installShell()
        shell.client().enroll(server.baseUrl, server.codes[0])
        return shell
    }

    @Test
    fun `alarms are armed from the core's list and a fired one posts the core's notification`() = runBlocking<Unit> {
        val shell = enrolledShell(server())
        val wanted = shell.client().notifications(Reminders.MAX_ARMED.toUInt())
        assertTrue("the demo plan has reminders", wanted.size >= 5)
        assertEquals(wanted.size, shell.refreshReminders().armed)

        val armed = armedIds()
        assertEquals(wanted.map { it.id }.toSet(), armed.keys)
        for (reminder in wanted) {
            val alarm = armed.getValue(reminder.id)
            assertEquals(AlarmManager.RTC_WAKEUP, alarm.type)
            assertEquals(reminder.fireAtDevice.toEpochMilli(), alarm.triggerAtTime)
        }
        val codes = armed.values.map { shadowOf(it.operation).requestCode }
        assertEquals("one request code per reminder", codes.size, codes.toSet().size)

        // The soonest alarm goes off.
        val first = wanted.first()
        val intent = shadowOf(armed.getValue(first.id).operation).savedIntent
        ReminderReceiver().onReceive(app, intent)
        val posted = shadowOf(notificationManager).allNotifications.single()
        assertEquals(first.title, posted.extras.getString(android.app.Notification.EXTRA_TITLE))
        assertEquals(first.body, posted.extras.getCharSequence(android.app.Notification.EXTRA_TEXT).toString())
        assertEquals(first.channel, posted.channelId)
        assertEquals(android.app.Notification.VISIBILITY_PRIVATE, posted.visibility)
        val tap = shadowOf(posted.contentIntent).savedIntent
        assertEquals(first.deepLink, tap.dataString)
        assertEquals(HostActivity::class.java.name, tap.component!!.className)
        val channels = shadowOf(notificationManager).notificationChannels.map { it.id }.toSet()
        assertEquals(setOf(NotificationManagerNotices.CHANNEL_CHECKIN, NotificationManagerNotices.CHANNEL_APPOINTMENT), channels)
    }

    @Test
    fun `a plan change cancels exactly the reminders the core dropped, by their stable ids`() = runBlocking<Unit> {
        val server = server()
        val shell = enrolledShell(server)
        shell.refreshReminders()
        val before = armedIds().keys
        assertTrue("the demo plan reminds of its hearing", before.any { it.contains("hearing-1") })

        // The program drops its appointments and moves nothing else.
        val demo = File(System.getProperty("checkin.media.dir"), "../plans/demo.json").readText()
        val withoutAppointments = demo.replace("\"revision\": 3", "\"revision\": 4")
            .replace(Regex("\"appointments\": \\[.*\\]\\s*\\}\\s*$", RegexOption.DOT_MATCHES_ALL), "\"appointments\": []\n}")
        server.restartWithPlan(withoutAppointments)
        val outcome = shell.sync.syncNow() as SyncOutcome.Synced
        assertTrue("the new plan arrived", outcome.report.planUpdated)

        val after = armedIds().keys
        val wanted = shell.client().notifications(Reminders.MAX_ARMED.toUInt()).map { it.id }.toSet()
        assertEquals(wanted, after)
        assertFalse(after.any { it.contains("hearing-1") })
        assertTrue("window reminders kept their ids", before.filterNot { it.contains("hearing-1") }.all { it in after })
    }

    @Test
    fun `exact alarms when allowed, ten-minute windows otherwise, and the state the core will be told`() = runBlocking<Unit> {
        val shell = enrolledShell(server())
        if (Build.VERSION.SDK_INT >= 31) {
            ShadowAlarmManager.setCanScheduleExactAlarms(false)
            val report = shell.refreshReminders()
            assertFalse(report.exact)
            assertFalse(ExactAlarms.allowed(app))
            for (alarm in shadowOf(alarmManager).scheduledAlarms) {
                assertEquals(AlarmManagerReminderAlarms.INEXACT_WINDOW_MS, alarm.windowLengthMs)
            }
            ShadowAlarmManager.setCanScheduleExactAlarms(true)
        }
        val report = shell.refreshReminders()
        assertTrue(report.exact)
        for (alarm in shadowOf(alarmManager).scheduledAlarms) {
            assertEquals("exact", 0L, alarm.windowLengthMs)
            assertTrue("fires in Doze", alarm.isAllowWhileIdle)
        }
    }

    @Test
    fun `reboot, clock and time-zone broadcasts re-arm what the OS dropped`() = runBlocking<Unit> {
        val shell = enrolledShell(server())
        shell.refreshReminders()
        val armed = armedIds().keys
        for (action in listOf(Intent.ACTION_BOOT_COMPLETED, Intent.ACTION_TIME_CHANGED, Intent.ACTION_TIMEZONE_CHANGED)) {
            // The OS forgets every alarm (a reboot does exactly this).
            shadowOf(alarmManager).scheduledAlarms.forEach { alarmManager.cancel(it.operation!!) }
            assertTrue(shadowOf(alarmManager).scheduledAlarms.isEmpty())
            RearmReceiver().onReceive(app, Intent(action))
            awaitMain(what = "re-armed after $action") { armedIds().keys == armed }
        }
        shadowOf(alarmManager).scheduledAlarms.forEach { alarmManager.cancel(it.operation!!) }
        RearmReceiver().onReceive(app, Intent("org.example.SOMETHING_ELSE"))
        Thread.sleep(300)
        assertTrue("other broadcasts are ignored", shadowOf(alarmManager).scheduledAlarms.isEmpty())
    }

    @Test
    fun `request codes come from the stable id and a collision takes the next free code`() {
        val book = ArmedReminders(app.getSharedPreferences("test-book", Context.MODE_PRIVATE))
        val id = "window_opens:weekly@2026-12-07T09:00#abc"
        val preferred = ArmedReminders.preferredCode(id)
        assertTrue(preferred >= 0)
        assertEquals(preferred, ArmedReminders.preferredCode(id))
        assertEquals(preferred, book.codeFor(id))
        assertEquals("taken by another id", preferred + 1, book.codeFor(id, mapOf(preferred to "other", preferred + 2 to "third")))
        assertEquals(preferred + 3, book.codeFor(id, mapOf(preferred to "a", preferred + 1 to "b", preferred + 2 to "c")))
        book.put(ArmedReminder(id, 77, 1L))
        assertEquals("an armed id keeps its code", 77, book.codeFor(id))
    }

    @Test
    fun `a reminder that left the list because it fired keeps its notification, one cancelled early loses it`() {
        val alarms = RecordingAlarms()
        val notices = RecordingNotices()
        val book = ArmedReminders(app.getSharedPreferences("test-book-2", Context.MODE_PRIVATE))
        val reminders = Reminders(alarms, notices, book)
        val now = 1_000_000L
        reminders.reconcile(listOf(notification("fired", now - 1), notification("moved", now + 60_000)), now - 10)
        val report = reminders.reconcile(emptyList(), now)
        assertEquals(1, report.cancelled)
        assertEquals(listOf("moved"), notices.cancelled)
        assertEquals(1, alarms.disarmed.size)
        assertTrue(book.all().isEmpty())
    }

    private fun notification(id: String, fireAtMs: Long) = Notification(
        id = id, kind = NotificationKind.WINDOW_OPENS, minutesBefore = 0u, subjectId = "w",
        fireAt = Instant.ofEpochMilli(fireAtMs), fireAtDevice = Instant.ofEpochMilli(fireAtMs),
        fireLocal = "", title = "t", body = "b", deepLink = "checkin://window/w", channel = "checkins",
    )

    private class RecordingAlarms : ReminderAlarms {
        val disarmed = mutableListOf<Int>()
        override fun exactAllowed() = true
        override fun arm(reminder: Notification, requestCode: Int, exact: Boolean) = Unit
        override fun disarm(requestCode: Int) {
            disarmed += requestCode
        }
    }

    private class RecordingNotices : ReminderNotices {
        val cancelled = mutableListOf<String>()
        override fun nameChannels(channels: List<org.checkin.model.NotificationChannel>) = Unit
        override fun channelsNamed() = true
        override fun post(reminder: FiredReminder) = Unit
        override fun cancel(id: String, requestCode: Int) {
            cancelled += id
        }
    }
}
