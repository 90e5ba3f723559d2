{{%AUTOESCAPE context="HTML"}}
<h1>Your account is deleted</h1>
<p>Your personal data is erased and you are signed out. The records of your past bookings and payments stay, without your name, as the law asks.</p>
<p>Thank you for using HomeServe. You are welcome back any time: <a href="/register">create a new account</a>.</p>
